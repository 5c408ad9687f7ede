# /help (src/bot/commands/help.rs). 명령어 이름은 명령어 정의에서 가져와요.

help-title = ostbot — 함께 듣는 드라마 OST
help-intro = 드라마 OST를 영어, 한글, 로마자로 찾아보세요.
help-track = OST 곡 찾기: 제목, 한글 제목, 로마자, 가수 — 오타도 괜찮아요
help-drama = 드라마와 OST 곡 목록
help-catalog = 운영진: 이 서버만의 드라마와 곡 추가, CSV/JSON 또는 MusicBrainz의 OST 전체 가져오기 (/catalog fetch), 삭제
help-review = 드라마 OST나 한 곡에 1~10점과 리뷰 남기기 (카드의 리뷰하기 버튼도 돼요)
help-reviews = 이 서버의 드라마·곡·멤버 리뷰 읽기
help-leaderboard = 커뮤니티 점수 순위. 점수는 가중 평균 (v·R + m·C) / (v + m)으로 계산해요. R은 그 작품의 평균, v는 리뷰 수, C는 전체 작품의 평균, m은 서버의 최소 인원 설정(기본 5)이라서 리뷰가 적은 작품은 전체 평균에 가깝게 나와요
help-profile = 멤버의 리뷰, 평균 점수, 최애 드라마
help-forget-me = 모든 서버에서 내 리뷰 전부 삭제
help-privacy = 이 서버의 공개 페이지에서 내 리뷰에 이름을 보여 줄지, "멤버"로 표시할지 선택
help-moderate = 운영진: 리뷰 삭제 (기록이 남아요)
help-export = 운영진: 서버 리뷰를 CSV로 내려받기
help-poll = 감상 투표: 만들기 (곡 또는 자유 입력), 버튼으로 투표, 마감, 결과, 목록
help-nominate = 주간 감상 투표에 곡 추천 (한 주에 3곡)
help-config = 운영진: 서버 언어, 리뷰 피드, 투표·알림 역할, 주간 감상 모임
help-help = 이 도움말
