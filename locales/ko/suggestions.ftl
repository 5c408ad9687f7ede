# 멤버 추천과 운영진 대기열 (src/bot/commands/suggest.rs).

cmd-suggest = 추천
    .description = 이 서버 카탈로그에 곡을 추천하거나 내 추천을 확인해요
cmd-suggest-track = 곡
    .description = 카탈로그에 없는 곡을 추천해요. 운영진이 결정해요
cmd-suggest-drama = 드라마
    .description = 드라마 (목록에서 고르거나, 카탈로그에 없는 드라마 제목을 입력)
cmd-suggest-title = 제목
    .description = 곡 제목
cmd-suggest-singers = 가수
    .description = 부른 사람 (여러 명이면 쉼표로 구분)
cmd-suggest-part = 파트
    .description = OST 파트 번호
cmd-suggest-link = 링크
    .description = 들을 수 있는 링크 (https://)
cmd-suggest-dm = 알림
    .description = 운영진이 결정하면 DM으로 알려 줘요
cmd-suggest-mine = 내추천
    .description = 이 서버에서 한 내 추천과 결과
cmd-catalog-queue = 대기열
    .description = 멤버들의 대기 중인 추천: 승인, 수정, 거절
cmd-config-catalog-channel = 카탈로그채널
    .description = 멤버들의 새 추천을 운영진에게 올릴 채널
cmd-config-catalog-channel-channel = 채널
    .description = 새 추천을 올릴 채널
help-suggest = 서버 카탈로그에 곡 추천하기. 운영진이 /catalog queue에서 승인해요
suggest-new-drama-choice = 새 드라마: { $title }
suggest-exists = 이 곡은 이미 카탈로그에 있어요:
suggest-stored = 고마워요! 추천 #{ $id } **{ $title }** ({ $drama }) 건이 운영진의 결정을 기다려요. 대기 중인 내 추천: { $open }/{ $max }개.
suggest-mine-empty = 아직 이 서버에서 추천한 곡이 없어요. /suggest track으로 추천해 보세요.
suggest-mine-title = 내 추천
suggest-state-open = 대기 중
suggest-state-approved = 승인됨
suggest-state-rejected = 거절됨
suggest-new-drama = { $title } (새 드라마)
suggest-embed-title = 추천 #{ $id }: { $title }
suggest-field-drama = 드라마
suggest-field-title = 제목
suggest-field-singers = 가수
suggest-field-part = OST 파트
suggest-field-link = 링크
suggest-field-by = 추천한 멤버
suggest-field-decision = 결정
suggest-decided = { $state ->
    [approved] 승인
   *[rejected] 거절
} · { $name } · { $date }
suggest-approve = 승인
suggest-edit = 수정
suggest-reject = 거절
suggest-queue-empty = 대기 중인 추천이 없어요. 멤버들은 /suggest track으로 곡을 추천해요.
suggest-queue-footer = 대기 중인 추천 { $page } / { $pages }
suggest-approved = 승인했어요. 이제 **{ $title }** 곡이 이 서버 카탈로그에 있어요 ({ $drama }).
suggest-rejected = 거절했어요: **{ $title }**
suggest-edited = 추천 #{ $id } 내용을 고쳤어요. 아직 결정을 기다리고 있어요.
suggest-reject-reason = 이유 (선택, 추천한 멤버에게 보여요)
suggest-reject-form = 추천 #{ $id } 거절
suggest-edit-form = 추천 #{ $id } 수정
suggest-bad-part = OST 파트는 0부터 100까지의 숫자예요.
suggest-dm-approved = 추천한 곡 **{ $title }** 건이 승인됐어요. 이제 서버 카탈로그에 있어요.
suggest-dm-rejected = 추천한 곡 **{ $title }** 건이 거절됐어요.
suggest-dm-rejected-because = 추천한 곡 **{ $title }** 건이 거절됐어요: { $reason }
config-catalog-channel-set = 이제 멤버들의 새 추천이 { $channel } 채널에 올라와요.
suggest-error-no-drama = 목록에서 드라마를 고르거나, 카탈로그에 없는 드라마의 제목을 입력해 주세요.
suggest-error-too-many-open = 이미 대기 중인 추천이 { $open }개예요. 운영진이 몇 개를 결정한 뒤에 더 추천해 주세요.
suggest-error-paused = 최근 추천 { $times }개가 연달아 거절돼서 { $until } 다시 추천할 수 있어요.
suggest-error-already-suggested = 이 곡은 이미 추천돼서 (#{ $id }) 운영진의 결정을 기다리고 있어요.
suggest-error-no-such = 이 서버에는 추천 #{ $id } 건이 없어요.
suggest-error-decided = 이미 결정된 추천이에요: { $state ->
    [approved] 승인
   *[rejected] 거절
} · { $name } · { $date }

# `ostbot suggestions export` (operators).
suggestions-exported = 곡 { $tracks }개와 드라마 { $dramas }개를 { $file }에 저장했어요. 가져오기: ostbot import { $file }
suggestions-exported-with-dramas = 곡 { $tracks }개를 { $file }에, 드라마 { $dramas }개를 { $dramas_file }에 저장했어요. 드라마를 먼저 가져오세요: ostbot import { $dramas_file } 다음에 ostbot import { $file }
config-field-catalog-channel = 추천 채널
config-catalog-channel-unset = 설정 안 됨: 추천은 리뷰 피드에 올라와요
