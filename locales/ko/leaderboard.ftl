# 순위 (src/bot/commands/leaderboard.rs).

leaderboard-bad-year = 1950년부터 2100년 사이로 입력해 주세요.
leaderboard-bad-min-voices = 1부터 1000 사이의 숫자로 입력해 주세요.
leaderboard-line = **{ $rank }.** { $label } — **{ $score }** (평균 { $mean } · { $voices }명)
leaderboard-empty = 아직 해당하는 항목이 없어요. /review로 리뷰해 보세요!
leaderboard-empty-min-voices = 아직 { $voices }명 이상이 리뷰한 작품이 없어요. 최소인원 값을 낮추면 순위가 보여요.
leaderboard-empty-genre = 리뷰된 작품 중에 해당 장르(“{ $genre }”)의 작품이 없어요. 다른 장르를 고르거나 장르 없이 찾아 보세요.
leaderboard-empty-year = { $year }년 작품 중에 리뷰된 작품이 없어요. 다른 연도를 고르거나 연도 없이 찾아 보세요.
leaderboard-empty-period = 이 기간에는 리뷰가 없어요. 기간을 “전체”로 바꿔 보세요.
leaderboard-empty-filters = 조건 하나하나로는 결과가 있지만 모두 함께 쓰면 결과가 없어요. 조건을 하나 빼 보세요.
leaderboard-title-dramas = 드라마 순위
leaderboard-title-tracks = 곡 순위
leaderboard-filter-all-servers = 모든 서버
leaderboard-filter-all-time = 전체 기간
leaderboard-filter-this-year = 올해
leaderboard-filter-last-30-days = 최근 30일
leaderboard-filter-min-voices = { $voices }명 이상
leaderboard-footer = 점수 순위예요. 리뷰가 적은 작품은 전체 평균 쪽으로 보정돼요 (평균 점수 리뷰가 { $m }개 더 있는 것처럼 계산). 계산식은 /help에 있어요. · { $pages }쪽 중 { $page }쪽
