# Profiles and /forget-me (src/bot/commands/profile.rs).

profile-title = { $name }'s reviews
profile-reviews-written = Reviews written
profile-mean-given = Mean score given
profile-favourites = Favourite dramas
profile-latest = Latest reviews
forget-confirm-button = Delete everything
forget-cancel-button = Cancel
forget-cancelled = Nothing was deleted.
