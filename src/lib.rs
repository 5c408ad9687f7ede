//! TEMPORARY STUB on branch `search` (take main's version when merging).

pub mod catalog;
pub mod ids;
