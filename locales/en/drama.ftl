# The drama card (src/bot/commands/drama.rs).

drama-episodes = { $episodes ->
    [one] one episode
   *[other] { $episodes } episodes
}
drama-mdl-rating = { $rating }/10 ({ $votes ->
    [one] one rating
   *[other] { $votes } ratings
})
drama-also-known-as = Also known as
drama-tracklist = OST tracklist
drama-no-tracks = No tracks in the catalog yet.
