# 카탈로그 가져오기 (/catalog import, `ostbot import`): 결과와 문제가 있는 행.

import-done = 가져오기 완료: 새 항목 { $new }개, 수정 { $updated }개, 변경 없음 { $unchanged }개.
import-refused = 아무것도 가져오지 않았어요. 문제가 있는 행이 { $rows }개 있어요.
import-row = • { $line }번째 줄: { $problem }
import-more-rows = …외 { $rows }개 더 있어요.
import-error-not-utf8 = 파일이 UTF-8 텍스트가 아니에요. UTF-8로 저장한 CSV나 JSON 파일로 다시 시도해 주세요.
import-error-no-header = 첫 줄은 CSV 헤더여야 해요.
import-error-unknown-columns = 헤더에 열 이름이 있어야 해요. 드라마는 `title,…`, 곡은 `drama_id,title,…` 형식이에요.
import-error-bad-json = JSON 형식이 잘못됐어요 ({ $line }번째 줄 근처). {"{"}"dramas": [...], "tracks": [...]{"}"} 형식이어야 해요.
import-row-bad-csv = 올바른 CSV 행이 아니에요 (필드 개수가 다르거나 따옴표가 깨졌어요)
import-row-wrong-kind = 값의 형식이 맞지 않아요
import-row-wrong-kind-in-column = { $column }번째 열의 값 형식이 맞지 않아요
import-row-unreadable = 이 행을 읽을 수 없어요
import-row-bad-json-drama = { $index }번째 드라마에 형식이 맞지 않는 항목이 있어요
import-row-bad-json-track = { $index }번째 곡에 형식이 맞지 않는 항목이 있어요
import-row-drama-no-title = 드라마 제목이 없어요
import-row-track-no-title = 곡 제목이 없어요
import-row-title-too-long = 제목은 최대 { $max }자까지 쓸 수 있어요
import-row-year = year 값은 1950~2100 사이여야 해요 (입력값: { $got })
import-row-episodes = episodes 값은 1~2000 사이여야 해요 (입력값: { $got })
import-row-rating = mdl_rating 값은 0~10 사이여야 해요 (입력값: { $got })
import-row-bad-id = id에는 글자, 숫자, 대시만 쓸 수 있어요 (최대 120자, 입력값: “{ $got }”)
import-row-no-drama-named = 곡이 속한 드라마가 없어요 (drama_id 또는 drama_title_ko 필요)
import-row-bad-link = links에는 512자 이하의 http(s) 주소만 쓸 수 있어요 (입력값: “{ $got }”)
import-row-ost-part = ost_part 값은 0~100 사이여야 해요 (입력값: { $got })
import-row-verified = verified 값은 yes 또는 no여야 해요 (입력값: “{ $got }”)
import-row-unknown-drama = 카탈로그에 “{ $drama }” 드라마가 없어요
