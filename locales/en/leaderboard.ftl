# The leaderboard (src/bot/commands/leaderboard.rs).

leaderboard-bad-year = Give a year from 1950 to 2100.
leaderboard-bad-min-voices = Give a number from 1 to 1000.
leaderboard-line = **{ $rank }.** { $label } — **{ $score }** (mean { $mean } · { $voices ->
    [one] one voice
   *[other] { $voices } voices
})
leaderboard-empty = Nothing matches yet: review something with /review!
leaderboard-empty-min-voices = No title has { $voices } voices or more yet: lower min-voices to see the ranking.
leaderboard-empty-genre = No reviewed title has the genre “{ $genre }”: try another genre, or none.
leaderboard-empty-year = No reviewed title is from { $year }: try another year, or none.
leaderboard-empty-period = Nothing was reviewed in this period: try the period “all time”.
leaderboard-empty-filters = These filters together leave nothing, though each alone would: drop one of them.
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
