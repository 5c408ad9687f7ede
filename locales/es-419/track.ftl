# La tarjeta de una canción (src/bot/commands/track.rs).

track-listen-youtube = YouTube
track-listen-melon = Melon
track-field-artist = { $n ->
    [one] Artista
   *[other] Artistas
}
track-field-drama = Drama
track-field-ost-part = Parte del OST
track-ost-part = Pt. { $part }
track-field-released = Lanzamiento
track-field-album = Álbum
track-field-listen = Escuchar
track-unverified = Los créditos de esta canción no están confirmados en nuestras fuentes.
