# 회원에게 보이는 오류 (crates/core/src/error.rs). 내부 정보는 절대 담지 않아요.

error-empty-query = 검색어를 입력해 주세요. 제목, 한글 제목, 가수 이름 모두 돼요.
error-no-match-track = 맞는 곡이 없어요: **{ $query }**
error-no-match-drama = 맞는 드라마가 없어요: **{ $query }**
error-did-you-mean = 혹시 이걸 찾으셨나요?
error-entry-gone = 그 항목은 이제 없어요. 다시 검색해 보세요.
error-too-long = `{ $field }` 값이 너무 길어요. 최대 { $max }자까지 쓸 수 있어요.
error-needs-manage-server = 서버 관리 권한이 있는 운영진만 할 수 있어요.
error-guild-only = 이 명령어는 서버 안에서만 쓸 수 있어요.
error-malformed = 디스코드에서 온 요청을 읽지 못했어요. 다시 시도해 주세요.
error-internal = 제 쪽에서 문제가 생겼어요. 아무것도 바뀌지 않았으니 다시 시도해 주세요.
error-unsupported-interaction = 지원하지 않는 종류의 상호작용이에요.
