# La ficha de la canción (src/bot/commands/track.rs).

track-listen-youtube = YouTube
track-listen-melon = Melon
track-field-artist = { $n ->
    [one] Artista
   *[other] Artistas
}
track-field-drama = Drama
track-field-ost-part = Parte de la OST
track-ost-part = Pt. { $part }
track-field-released = Publicada
track-field-album = Álbum
track-field-listen = Escuchar
track-unverified = Los créditos de esta canción no están confirmados en nuestras fuentes.
