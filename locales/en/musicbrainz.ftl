# Whole OSTs from MusicBrainz: `/catalog fetch` and `ostbot catalog fetch`
# (src/bot/commands/fetch.rs, crates/core/src/catalog/musicbrainz).

cmd-catalog-fetch = fetch
    .description = Find a drama's OST on MusicBrainz and import it into this server's catalog
cmd-catalog-fetch-query = query
    .description = The OST (such as 도깨비 OST) or a MusicBrainz release-group id
mb-preview-head = **{ $drama }** on MusicBrainz: { $parts } parts, { $tracks } tracks (release group `{ $mbid }`)
mb-preview-drama-known = Catalog drama: { $drama }
mb-preview-drama-new = The catalog lacks this drama: importing adds **{ $drama }**.
mb-preview-part = __{ $part }__ · { $date } · release `{ $mbid }`
mb-preview-no-date = no date
mb-preview-track = { $number }. **{ $title }** — { $credits } · { $action } · recording `{ $mbid }`
mb-preview-artist = { $name }: artist `{ $mbid }`
mb-no-credit = no credit
mb-action-new = new
mb-action-update = updates the catalog's entry
mb-action-unchanged = unchanged
mb-action-shared = in the shared catalog (left as it is)
mb-preview-summary = Importing: { $new } new, { $updated } updated, { $unchanged } unchanged, { $shared } in the shared catalog.
mb-preview-capped = MusicBrainz lists { $total } releases; a fetch reads the first { $read } only.
mb-preview-truncated = … and { $more } more tracks, not shown here (the import takes them all).
mb-preview-nothing = The catalog has all of it already: importing would change nothing.
mb-button-import = Import
mb-button-cancel = Cancel
mb-imported = Imported **{ $drama }** from MusicBrainz: { $new } new, { $updated } updated, { $unchanged } unchanged.
mb-imported-nothing = Nothing changed: the catalog has this OST as MusicBrainz has it.
mb-cancelled = Nothing was imported.
mb-cli-confirm = Nothing was imported. Run again with --yes to import.
mb-error-unreachable = MusicBrainz can't be reached right now. Nothing was imported; try again later.
mb-error-timeout = MusicBrainz didn't answer within 10 seconds. Nothing was imported; try again later.
mb-error-not-found = MusicBrainz has no release group with this id. Nothing was imported.
mb-error-malformed = MusicBrainz answered something the bot can't read. Nothing was imported.
mb-error-busy = MusicBrainz is busy. Nothing was imported; try again in a minute.
mb-error-status = MusicBrainz refused the request (HTTP { $status }). Nothing was imported.
mb-error-nothing-found = MusicBrainz has no OST matching { $query }. Nothing was imported.
mb-error-not-configured = Fetching from MusicBrainz isn't set up on this bot: its operator sets MUSICBRAINZ_CONTACT.
mb-error-empty-query = Type an OST (such as 도깨비 OST) or a MusicBrainz release-group id.
