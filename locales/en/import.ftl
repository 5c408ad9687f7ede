# Catalog imports (/catalog import, `ostbot import`): the report and each bad row.

import-done = Imported: { $new } new, { $updated } updated, { $unchanged } unchanged.
import-merged = { $merged ->
    [one] 1 server-local copy
   *[other] { $merged } server-local copies
} merged into the global entries, with their reviews and poll history.
import-dry-run = Dry run, nothing was written: { $new } new, { $updated } would change, { $unchanged } unchanged.
import-refused = { $rows ->
    [one] Nothing was imported: one row has a problem.
   *[other] Nothing was imported: { $rows } rows have problems.
}
import-row = • line { $line }: { $problem }
import-more-rows = { $rows ->
    [one] …and one more.
   *[other] …and { $rows } more.
}
import-error-not-utf8 = The file is not UTF-8 text. Save it as UTF-8 (CSV or JSON) and try again.
import-error-no-header = The first line must be a CSV header.
import-error-unknown-columns = The header must name the columns: `title,…` for dramas, or `drama_id,title,…` for tracks.
import-error-bad-json = The JSON is malformed near line { $line }. Expected {"{"}"dramas": [...], "tracks": [...]{"}"}.
import-row-bad-csv = the row is not valid CSV (wrong number of fields or a broken quote)
import-row-wrong-kind = a value has the wrong kind
import-row-wrong-kind-in-column = column { $column } has a value of the wrong kind
import-row-unreadable = the row could not be read
import-row-bad-json-drama = drama { $index } has a field of the wrong kind
import-row-bad-json-track = track { $index } has a field of the wrong kind
import-row-drama-no-title = the drama has no title
import-row-track-no-title = the track has no title
import-row-title-too-long = the title is longer than { $max } characters
import-row-year = year must be between 1950 and 2100, got { $got }
import-row-episodes = episodes must be between 1 and 2000, got { $got }
import-row-rating = mdl_rating must be between 0 and 10, got { $got }
import-row-bad-id = id must be letters, digits and dashes (at most 120), got “{ $got }”
import-row-no-drama-named = the track names no drama (drama_id or drama_title_ko)
import-row-bad-link = links must be http(s) URLs of at most 512 characters, got “{ $got }”
import-row-ost-part = ost_part must be between 0 and 100, got { $got }
import-row-verified = verified must be yes or no, got “{ $got }”
import-row-unknown-drama = no drama “{ $drama }” in the catalog
import-row-no-track-id = the row names no track_id
import-row-unknown-track = no track “{ $track }” in the shared catalog
import-row-track-listed-twice = track “{ $track }” is already credited on line { $line }
import-row-empty-artist = an artist's name is empty
import-row-artist-listed-twice = “{ $artist }” is credited twice
import-row-unknown-artist = no artist “{ $artist }” in the catalog
import-row-alias-kind = kind must be artist or track, got “{ $got }”
import-row-bad-guild = local_in must list server ids, got “{ $got }”
import-row-alias-listed-twice = the same alias is already on line { $line }
