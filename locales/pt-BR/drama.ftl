# O card do drama (src/bot/commands/drama.rs).

drama-episodes = { $episodes ->
    [0] { $episodes } episódios
    [one] um episódio
   *[other] { $episodes } episódios
}
drama-mdl-rating = { $rating }/10 ({ $votes ->
    [0] { $votes } avaliações
    [one] uma avaliação
   *[other] { $votes } avaliações
})
drama-also-known-as = Também conhecido como
drama-tracklist = Tracklist da OST
drama-no-tracks = Ainda não há músicas no catálogo.
