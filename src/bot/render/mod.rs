//! How things look in Discord, apart from what they mean: member text made safe and fitted
//! ([`text`]), reviews and scores ([`review`]), the community part of a card ([`card`]), page buttons ([`pager`]).
//! Command handlers read parse → core → render.

pub mod card;
pub mod pager;
pub mod review;
pub mod text;
