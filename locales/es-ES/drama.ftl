# La ficha del drama (src/bot/commands/drama.rs).

drama-episodes = { $episodes ->
    [one] un episodio
   *[other] { $episodes } episodios
}
drama-mdl-rating = { $rating }/10 ({ $votes ->
    [one] una valoración
   *[other] { $votes } valoraciones
})
drama-also-known-as = También conocido como
drama-tracklist = Canciones de la OST
drama-no-tracks = Todavía no hay canciones en el catálogo.
