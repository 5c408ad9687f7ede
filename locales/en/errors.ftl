# Errors a member may see (crates/core/src/error.rs). Internal details never appear here.

error-empty-query = Type something to search for: a title, a Korean title or an artist.
error-no-match-track = No track matches **{ $query }**.
error-no-match-drama = No drama matches **{ $query }**.
error-did-you-mean = Did you mean:
error-entry-gone = That entry no longer exists. Search again?
error-too-long = `{ $field }` is too long: at most { $max } characters.
error-needs-manage-server = Only moderators (Manage Server permission) can do that.
error-guild-only = This command works inside a server.
error-malformed = Discord sent something I could not read. Please try again.
error-internal = Something went wrong on my side; nothing was changed. Please try again.
error-unsupported-interaction = This kind of interaction is not supported.
