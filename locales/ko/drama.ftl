# 드라마 카드 (src/bot/commands/drama.rs).

drama-episodes = { $episodes }부작
drama-mdl-rating = { $rating }/10 ({ $votes }명 평가)
drama-also-known-as = 다른 제목
drama-tracklist = OST 곡 목록
drama-no-tracks = 아직 등록된 곡이 없어요.
