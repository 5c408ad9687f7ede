# Profiles and /forget-me (src/bot/commands/profile.rs).

forget-confirm-not-yours = Only the member who asked can confirm.
profile-title = { $name }'s reviews
profile-reviews-written = Reviews written
profile-mean-given = Mean score given
profile-favourites = Favourite dramas
profile-latest = Latest reviews
forget-warning = This deletes **all your reviews in every server** (and their history), and the community scores change accordingly. It cannot be undone.
forget-confirm-button = Delete everything
forget-cancel-button = Cancel
forget-cancelled = Nothing was deleted.
forget-done = Done: { $reviews ->
    [one] one review
   *[other] { $reviews } reviews
}, { $ballots ->
    [one] one poll vote
   *[other] { $ballots } poll votes
} and { $nominations ->
    [one] one nomination
   *[other] { $nominations } nominations
} deleted in every server.
