# 카탈로그 카드, 선택 목록, 별칭 (src/bot/commands/drama.rs, track.rs, catalog.rs, lookup.rs).

catalog-drama-part = Part { $part }
catalog-drama-other-tracks = 기타 수록곡
catalog-page = { $pages }쪽 중 { $page }쪽
catalog-this-server = 이 서버
catalog-exact-picker = 제목이 **{ $query }**인 곡이 { $n }곡 있어요. 하나를 골라 주세요:
catalog-artist-tracks = { $artist }의 노래
catalog-artist-track-count = 카탈로그에 { $n }곡
catalog-alias-empty = 별칭이 비어 있어요. 다른 이름을 입력해 주세요.
catalog-alias-too-long = 별칭이 너무 길어요. 최대 { $max }자까지 쓸 수 있어요.
catalog-alias-shadows-artist = **{ $alias }**: 이미 { $other }의 이름이라서 다른 가수의 별칭으로 쓸 수 없어요.
catalog-alias-exists = 이 서버에 이미 있는 별칭이에요: **{ $alias }**
catalog-alias-no-artist = 카탈로그에 없는 가수 이름이에요: **{ $name }**
catalog-alias-gone = 그 별칭은 이제 없어요.
catalog-alias-added = 별칭 **{ $alias }** 추가 완료: 이제 이 서버에서 이 이름으로도 { $target } 검색이 돼요.
catalog-alias-removed = 별칭 **{ $alias }** 삭제 완료.
catalog-alias-list-title = 이 서버의 별칭
catalog-alias-list-empty = 이 서버에는 아직 별칭이 없어요. `/catalog alias add`로 추가해 보세요.
