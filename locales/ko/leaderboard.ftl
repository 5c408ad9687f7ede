# 순위 (src/bot/commands/leaderboard.rs).

leaderboard-bad-year = 1950년부터 2100년 사이로 입력해 주세요.
leaderboard-bad-min-voices = 1부터 1000 사이의 숫자로 입력해 주세요.
leaderboard-line = **{ $rank }.** { $label } — **{ $score }** (평균 { $mean } · { $voices }명)
leaderboard-title-dramas = 드라마 순위
leaderboard-title-tracks = 곡 순위
leaderboard-filter-all-servers = 모든 서버
leaderboard-filter-all-time = 전체 기간
leaderboard-filter-this-year = 올해
leaderboard-filter-last-30-days = 최근 30일
leaderboard-filter-min-voices = { $voices }명 이상
leaderboard-footer = 점수 순위예요. 리뷰가 적은 작품은 전체 평균 쪽으로 보정돼요 (평균 점수 리뷰가 { $m }개 더 있는 것처럼 계산). 계산식은 /help에 있어요. · { $pages }쪽 중 { $page }쪽
