# 멤버 데이터 보호: 삭제 전 확인, 덮어쓰지 않는 카탈로그, 텍스트를 지키는 리뷰.

safety-cancel = 취소
safety-drama-exists = **{ $title }** 드라마는 이미 이 서버의 카탈로그에 있어서 아무것도 바꾸지 않았어요. 정보를 고치려면 `/catalog edit` 명령어를 써 주세요.
safety-track-exists = **{ $title }** ({ $drama }) 곡은 이미 이 서버의 카탈로그에 있어서 아무것도 바꾸지 않았어요. 정보를 고치려면 `/catalog edit` 명령어를 써 주세요.
safety-shared-entry = 공용 카탈로그 항목이에요. 이 서버에서 추가한 항목만 고치거나 삭제할 수 있어요.
safety-nothing-to-edit = 바꿀 항목을 하나 이상 입력해 주세요. 예: `title`, `year`.
safety-not-your-confirmation = 요청한 사람만 답할 수 있어요.
safety-confirmation-gone = 이미 처리됐거나 시간이 지난 요청이에요. 명령어를 다시 실행해 주세요.
safety-catalog-edited = **{ $entry }** 정보를 수정했어요. 입력하지 않은 항목은 그대로예요.

safety-review-text-kept = 전에 쓴 리뷰 내용은 그대로 남겨 뒀어요. 내용을 지우려면 다시 리뷰하면서 text 항목에 `-` 하나만 입력해 주세요.
safety-track-in-other-drama = 그 곡은 **{ $drama }**의 곡이 아니에요. 혹시 **{ $track }** 곡을 찾으셨나요?
safety-review-that-track = 이 곡 리뷰하기

safety-forget-prompt = 모든 서버에서 다음 기록이 영구히 삭제돼요:
    • 리뷰 { $reviews }개와 이전 버전 { $versions }개
    • 투표 { $ballots }건
    • 주간 추천 { $nominations }곡
    커뮤니티 점수도 그에 맞게 바뀌어요. 되돌릴 수 없어요.
safety-forget-done = 완료했어요. 모든 서버에서 리뷰 { $reviews }개(이전 버전 { $versions }개 포함), 투표 { $ballots }건, 추천 { $nominations }곡이 삭제됐어요.

safety-remove-review-prompt = **{ $author }** 님의 { $subject } 리뷰를 삭제할까요? (**#{ $id }**, { $score }/10) 삭제 기록이 남아요.
safety-remove-review-confirm = 리뷰 삭제
safety-remove-review-kept = 리뷰를 삭제하지 않았어요.

safety-config-reset-prompt = 이 서버의 설정을 모두 초기화할까요? 리뷰 피드, 추천 채널, 역할, 주간 모임이 모두 꺼지고 공개 페이지도 내려가요. 페이지를 다시 켜면 새 링크가 만들어져요. 진행 중인 투표는 예정대로 마감돼요.
safety-config-reset-confirm = 모두 초기화
safety-config-reset-kept = 아무것도 바꾸지 않았어요.

safety-remove-entry-prompt = **{ $entry }** 항목에 멤버 기록이 있어요: 리뷰 { $reviews }개, 투표 선택지 { $options }개, 추천 { $nominations }건.
    검색에서만 빼고 기록을 모두 남기려면 **숨기기**를 눌러 주세요 (리뷰는 프로필과 내보내기에 계속 보여요). **삭제**는 리뷰까지 함께 영구히 지워요.
safety-remove-entry-hide = 숨기고 리뷰는 남기기
safety-remove-entry-purge = 리뷰까지 모두 삭제
safety-remove-entry-kept = 아무것도 삭제하지 않았어요.
safety-remove-entry-hidden = 검색에서 숨겼어요. 멤버들의 리뷰는 그대로 남아 있어요.
safety-remove-entry-purged = 항목과 연결된 기록을 모두 삭제했어요.
