# 프로필과 /forget-me (src/bot/commands/profile.rs).

forget-confirm-not-yours = 요청한 멤버만 확인할 수 있어요.
profile-title = { $name }님의 리뷰
profile-reviews-written = 작성한 리뷰
profile-mean-given = 평균 점수
profile-favourites = 최애 드라마
profile-latest = 최근 리뷰
forget-warning = **모든 서버에서 내 리뷰 전부**와 수정 기록이 삭제되고, 커뮤니티 점수도 그에 맞게 바뀌어요. 되돌릴 수 없어요.
forget-confirm-button = 전부 삭제
forget-cancel-button = 취소
forget-cancelled = 아무것도 삭제하지 않았어요.
forget-done = 완료: 모든 서버에서 리뷰 { $reviews }개, 투표 { $ballots }개, 추천 { $nominations }개를 삭제했어요.
