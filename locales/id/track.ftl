# Kartu lagu (src/bot/commands/track.rs).

track-listen-youtube = YouTube
track-listen-melon = Melon
track-field-artist = { $n ->
   *[other] Penyanyi
}
track-field-drama = Drama
track-field-ost-part = OST part
track-ost-part = Pt. { $part }
track-field-released = Rilis
track-field-album = Album
track-field-listen = Dengarkan
track-unverified = Kredit lagu ini belum terkonfirmasi di sumber kami.
