# La tarjeta de un drama (src/bot/commands/drama.rs).

drama-episodes = { $episodes ->
    [one] un episodio
   *[other] { $episodes } episodios
}
drama-mdl-rating = { $rating }/10 ({ $votes ->
    [one] una calificación
   *[other] { $votes } calificaciones
})
drama-also-known-as = También conocido como
drama-tracklist = Canciones del OST
drama-no-tracks = Todavía no hay canciones en el catálogo.
