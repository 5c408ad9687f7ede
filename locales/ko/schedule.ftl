# 일정 (crates/core/src/schedule.rs): 주간 모임의 요일, 시간, 시간대.

schedule-error-unknown-time-zone = 알 수 없는 시간대예요: “{ $zone }”. Asia/Seoul, Europe/Berlin 같은 IANA 이름을 써 주세요.
schedule-error-bad-time = 시간은 20:00처럼 HH:MM 형식으로 입력해 주세요.
schedule-error-bad-day = 요일을 골라 주세요.
