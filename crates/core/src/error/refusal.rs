//! Requests the data rules refuse, as typed values: the core says what is
//! wrong, and `bot::error_text` (the one place errors become text) says it
//! in the member's language.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// `/catalog add-*` of an entry this server already has: nothing changes.
    DramaExists {
        title: String,
    },
    TrackExists {
        title: String,
        drama: String,
    },
    /// Edits and removals reach only this server's own entries.
    SharedEntry,
    /// `/catalog edit` without a field to change.
    NothingToEdit,
    /// A confirmation button pressed by someone other than who asked.
    NotYourConfirmation,
    /// A confirmation whose request is gone (done, cancelled or expired).
    ConfirmationGone,
}
