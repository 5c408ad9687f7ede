# 주간 감상 모임의 채널 게시물 (src/bot/scheduler.rs). 서버 언어로 올라가요.

weekly-question = 이번 주에 함께 들을 곡은?
weekly-winner-title = 🎧 이번 주 감상곡: { $track }
weekly-no-winner-title = 🎧 이번 주 감상곡 없음
weekly-tie-settled = 가장 많이 추천된 곡이 이번 주 감상곡이 돼요: **{ $track }**
weekly-review-button = 이 곡 리뷰하기
nominate-done = 추천 완료: **{ $track }** (투표 시작: { $opens }). 이번 주 남은 추천: { $left }개.
