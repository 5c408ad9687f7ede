# Hardening (issue 15): replays, duplicates, bounded input.

hardening-already-handled = This was already handled, so nothing was done again.
hardening-poll-too-many-options = A new poll takes at most { $max } options, so nothing was created. Start it with { $max } and add the rest with `/poll add` (up to { $most } in all).
hardening-channel-other-server = That channel is in another server. Choose a channel of this server.
hardening-poll-closed-results-later = Poll #{ $poll } is closed. I could not post the results just now; they will follow in the poll's channel shortly.
