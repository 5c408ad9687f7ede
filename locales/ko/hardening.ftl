# Hardening (issue 15): replays, duplicates, bounded input.

hardening-already-handled = 이미 처리된 요청이라 다시 실행하지 않았어요.
hardening-poll-too-many-options = 새 투표의 선택지는 { $max }개까지라서 아무것도 만들지 않았어요. { $max }개로 시작한 뒤 나머지는 `/poll add`로 추가해 주세요 (모두 합쳐 최대 { $most }개).
hardening-channel-other-server = 다른 서버에 있는 채널이에요. 이 서버의 채널을 골라 주세요.
hardening-poll-closed-results-later = #{ $poll } 투표는 마감되었어요. 지금은 결과를 올리지 못했지만, 곧 투표 채널에 올라갈 거예요.
