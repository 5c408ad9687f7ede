# Kartu lagu (src/bot/commands/track.rs).

track-listen-youtube = YouTube
track-listen-melon = Melon
track-field-artist = Artis
track-field-drama = Drama
track-field-ost-part = OST part
track-ost-part = Pt. { $part }
track-field-album = Album
track-field-listen = Dengarkan
track-unverified = Kredit lagu ini belum terkonfirmasi di sumber kami.
