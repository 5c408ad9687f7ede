# 운영진용 카탈로그 명령어 (src/bot/commands/catalog.rs).

catalog-link-needs-https = 링크는 https://로 시작해야 해요.
catalog-attach-file = CSV 또는 JSON 파일을 첨부해 주세요.
catalog-download-failed = 파일을 내려받지 못했어요. 다시 시도해 주세요.
catalog-bad-entry = 이 항목은 저장할 수 없어요. 이유: { $problem }
catalog-drama-added = 이 서버의 카탈로그에 드라마를 추가했어요: **{ $title }**
catalog-track-added = 이 서버의 카탈로그에 곡을 추가했어요: **{ $title }** ({ $drama })
catalog-removed = 이 서버의 카탈로그에서 삭제했어요: **{ $label }**
