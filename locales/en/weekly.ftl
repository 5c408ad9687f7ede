# The weekly listening cycle's channel posts (src/bot/scheduler.rs), in the server's language.

weekly-question = Which track shall we listen to this week?
weekly-winner-title = 🎧 This week's track: { $track }
weekly-no-winner-title = 🎧 No track this week
weekly-tie-settled = **{ $track }** was nominated most, so it is this week's track.
weekly-review-button = Review this track
nominate-done = Nominated **{ $track }** for the poll that opens { $opens }. { $left ->
    [0] That was your last nomination this week.
    [one] You can nominate one more track this week.
   *[other] You can nominate { $left } more tracks this week.
}
