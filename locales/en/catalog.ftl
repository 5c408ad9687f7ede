# Moderators' catalog commands (src/bot/commands/catalog.rs).

catalog-link-needs-https = A link must start with https://.
catalog-attach-file = Attach a CSV or JSON file.
catalog-download-failed = I could not download the file. Please try again.
catalog-bad-entry = That entry cannot be saved: { $problem }.
catalog-drama-added = Added **{ $title }** to this server's catalog.
catalog-track-added = Added **{ $title }** ({ $drama }) to this server's catalog.
catalog-removed = Removed **{ $label }** from this server's catalog.
