//! Requests the data rules refuse, as typed values: the core says what is
//! wrong, and `user_message` (called from `Error::user_message`, the one place
//! errors become text) says it in the member's language.

use crate::locale::Locale;
use crate::t;

#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// `/catalog add-*` of an entry this server already has: nothing changes.
    DramaExists { title: String },
    TrackExists { title: String, drama: String },
    /// Edits and removals reach only this server's own entries.
    SharedEntry,
    /// `/catalog edit` without a field to change.
    NothingToEdit,
    /// A confirmation button pressed by someone other than who asked.
    NotYourConfirmation,
    /// A confirmation whose request is gone (done, cancelled or expired).
    ConfirmationGone,
}

impl Refusal {
    pub fn user_message(&self, l: Locale) -> String {
        match self {
            Refusal::DramaExists { title } => {
                t!(l, "safety-drama-exists", title = quote(title))
            }
            Refusal::TrackExists { title, drama } => t!(
                l,
                "safety-track-exists",
                title = quote(title),
                drama = quote(drama)
            ),
            Refusal::SharedEntry => t!(l, "safety-shared-entry"),
            Refusal::NothingToEdit => t!(l, "safety-nothing-to-edit"),
            Refusal::NotYourConfirmation => t!(l, "safety-not-your-confirmation"),
            Refusal::ConfirmationGone => t!(l, "safety-confirmation-gone"),
        }
    }
}

/// Member text inside a reply, unable to break its formatting.
fn quote(text: &str) -> String {
    let short: String = text.chars().take(100).collect();
    short.replace(['*', '_', '`', '~', '|'], "")
}
