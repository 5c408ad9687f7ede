# 서버 설정 (src/bot/commands/config.rs).

config-bad-candidates = 후보 곡은 2곡에서 10곡 사이로 골라 주세요.
config-choose-subcommand = 보기, 언어, 리뷰피드, 투표역할, 알림역할, 주간, 초기화 중 하나를 골라 주세요.
config-language-name = 언어
config-language-description = 서버 채널 게시물(주간 투표, 결과, 리뷰 피드)의 언어
config-language-option = 언어
config-language-unknown = 목록에 있는 언어 중 하나를 골라 주세요.
config-language-set = 이 서버의 채널 게시물 언어를 바꿨어요: { $language }
config-review-feed-set = 새 리뷰는 { $channel } 채널에 올라가요.
config-poll-role-set = 이제 { $role } 역할이 있는 멤버도 투표를 만들 수 있어요.
config-poll-role-cleared = 이제 운영진만 투표를 만들 수 있어요.
config-ping-role-set = 주간 투표가 열리면 { $role } 역할에 알림이 가요.
config-ping-role-cleared = 주간 투표가 열려도 아무에게도 알리지 않아요.
config-weekly-set = 주간 감상 모임이 매주 { $day } { $time } ({ $timezone }) { $channel } 채널에서 열려요. 후보 { $candidates }곡. 다음 실행: { $next }.
config-reset-done = 모든 설정을 기본값으로 되돌렸어요. 주간 모임은 꺼졌고 공개 페이지도 내려갔어요. 진행 중인 투표는 예정대로 마감돼요.
config-not-set = 설정 안 됨
config-title = ostbot 설정
config-field-language = 채널 게시물 언어
config-field-review-feed = 리뷰 피드
config-field-poll-role = 투표 역할
config-field-ping-role = 알림 역할
config-weekly-off = 꺼짐
config-weekly-summary = 매주 { $day } { $time } ({ $timezone }) { $channel } 채널, 후보 { $candidates }곡
config-field-weekly = 주간 모임
config-field-problem = ⚠️ 문제
config-problem = 마지막 게시에 실패했어요: { $problem }. 채널 권한을 고치거나 다른 채널을 골라 주세요.
weekday = { $day ->
    [0] 월요일
    [1] 화요일
    [2] 수요일
    [3] 목요일
    [4] 금요일
    [5] 토요일
   *[6] 일요일
}
