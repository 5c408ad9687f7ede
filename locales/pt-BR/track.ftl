# O card da música (src/bot/commands/track.rs).

track-listen-youtube = YouTube
track-listen-melon = Melon
track-field-artist = { $n ->
    [0] Artistas
    [one] Artista
   *[other] Artistas
}
track-field-drama = Drama
track-field-ost-part = Parte da OST
track-ost-part = Pt. { $part }
track-field-released = Lançamento
track-field-album = Álbum
track-field-listen = Ouvir
track-unverified = Os créditos desta música ainda não foram confirmados nas nossas fontes.
