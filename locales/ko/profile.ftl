# 프로필과 /forget-me (src/bot/commands/profile.rs).

profile-title = { $name }님의 리뷰
profile-reviews-written = 작성한 리뷰
profile-mean-given = 평균 점수
profile-favourites = 최애 드라마
profile-latest = 최근 리뷰
forget-confirm-button = 전부 삭제
forget-cancel-button = 취소
forget-cancelled = 아무것도 삭제하지 않았어요.
