# Kartu drama (src/bot/commands/drama.rs).

drama-episodes = { $episodes ->
   *[other] { $episodes } episode
}
drama-mdl-rating = { $rating }/10 ({ $votes ->
   *[other] { $votes } rating
})
drama-also-known-as = Judul lain
drama-tracklist = Daftar lagu OST
drama-no-tracks = Belum ada lagu di katalog.
