# O card do drama (src/bot/commands/drama.rs).

drama-episodes = { $episodes ->
    [one] um episódio
   *[other] { $episodes } episódios
}
drama-mdl-rating = { $rating }/10 ({ $votes ->
    [one] uma avaliação
   *[other] { $votes } avaliações
})
drama-also-known-as = Também conhecido como
drama-tracklist = Tracklist da OST
drama-no-tracks = Ainda não há músicas no catálogo.
