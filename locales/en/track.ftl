# The track card (src/bot/commands/track.rs).

track-listen-youtube = YouTube
track-listen-melon = Melon
track-field-artist = { $n ->
    [one] Artist
   *[other] Artists
}
track-field-drama = Drama
track-field-ost-part = OST part
track-ost-part = Pt. { $part }
track-field-released = Released
track-field-album = Album
track-field-listen = Listen
track-unverified = The credit for this track is unconfirmed in our sources.
