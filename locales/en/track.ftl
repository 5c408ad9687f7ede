# The track card (src/bot/commands/track.rs).

track-listen-youtube = YouTube
track-listen-melon = Melon
track-field-artist = Artist
track-field-drama = Drama
track-field-ost-part = OST part
track-ost-part = Pt. { $part }
track-field-album = Album
track-field-listen = Listen
track-unverified = The credit for this track is unconfirmed in our sources.
