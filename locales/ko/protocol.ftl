# Protocol messages: custom ids, components (src/bot/custom_id.rs).

protocol-stale-component = 오래된 버튼이나 양식이라서 아무것도 바꾸지 않았어요. 명령어를 다시 실행해 새로 받아 주세요.
