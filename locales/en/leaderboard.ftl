# The leaderboard (src/bot/commands/leaderboard.rs).

leaderboard-bad-year = Give a year from 1950 to 2100.
leaderboard-bad-min-voices = Give a number from 1 to 1000.
leaderboard-line = **{ $rank }.** { $label } — **{ $score }** (mean { $mean } · { $voices ->
    [one] one voice
   *[other] { $voices } voices
})
leaderboard-title-dramas = Top dramas
leaderboard-title-tracks = Top tracks
leaderboard-filter-all-servers = all servers
leaderboard-filter-all-time = all time
leaderboard-filter-this-year = this year
leaderboard-filter-last-30-days = last 30 days
leaderboard-filter-min-voices = { $voices ->
    [one] at least one voice
   *[other] at least { $voices } voices
}
leaderboard-footer = Ranked by score, with titles that have few reviews pulled toward the average of all titles (as if each had { $m } more average reviews). The formula is in /help. · Page { $page } of { $pages }
