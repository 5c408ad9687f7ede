# Charts (src/bot/charts.rs through its callers) and the charts engineer's small fixes.

chart-score-title = Scores for { $title }
chart-score-mean = Mean { $mean }
chart-score-median = Median { $median }
chart-score-axis-score = score
chart-score-axis-voices = voices
chart-poll-winner = winner
chart-poll-tied = tied for first
chart-poll-axis-votes = votes

# /leaderboard found nothing: which filter left nothing, and what to change.
leaderboard-empty-no-reviews = No { $kind ->
        [drama] drama
       *[track] track
    } has been reviewed yet: review one with /review!
leaderboard-empty-period = No { $kind ->
        [drama] drama
       *[track] track
    } was reviewed in this period. Try `period: all time`, or review one with /review!
leaderboard-empty-genre = No reviewed { $kind ->
        [drama] drama has
       *[track] track comes from a drama with
    } the genre **{ $genre }**. Check the spelling, try another genre, or leave `genre` out.
leaderboard-empty-year = No reviewed { $kind ->
        [drama] drama
       *[track] track comes from a drama that
    } aired in **{ $year }**. Try another year, or leave `year` out.
leaderboard-empty-min-voices = No { $kind ->
        [drama] drama
       *[track] track
    } has { $min } or more voices yet. Lower `min-voices`, or leave it out.
leaderboard-empty-together = Each of these filters finds something on its own, but together they leave nothing. Leave one of them out.

# /config weekly with a time zone abbreviation.
timezone-abbreviation = { $abbreviation } is saved as the time zone { $zone }.
timezone-ambiguous = { $abbreviation } can mean more than one time zone ({ $zones }). Nothing was changed: run the command again with one of these names.
