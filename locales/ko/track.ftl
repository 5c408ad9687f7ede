# 곡 카드 (src/bot/commands/track.rs).

track-listen-youtube = 유튜브
track-listen-melon = 멜론
track-field-artist = { $n ->
   *[other] 가수
}
track-field-drama = 드라마
track-field-ost-part = OST 파트
track-ost-part = Pt. { $part }
track-field-released = 발매일
track-field-album = 앨범
track-field-listen = 듣기
track-unverified = 이 곡의 크레딧은 출처에서 확인되지 않았어요.
