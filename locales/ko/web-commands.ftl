# /config web, /privacy web-name (src/bot/commands/config.rs, privacy.rs).

cmd-config-web = 웹
    .description = 이 서버의 점수와 감상 모임을 웹 페이지로 공개하거나 내려요
cmd-config-web-state = 상태
    .description = 켜기: 공개하고 링크 받기 · 끄기: 페이지 내리기
cmd-choice-on = 켜기
cmd-choice-off = 끄기
cmd-privacy = 개인정보
    .description = 이 서버의 공개 페이지에 나를 어떻게 보여 줄지 정해요
cmd-privacy-web-name = 웹이름
    .description = 공개 페이지의 내 리뷰에 이름을 보여 줄지, "멤버"로 표시할지 정해요
cmd-privacy-state = 상태
    .description = 켜기: 이름 공개 · 끄기: "멤버"로 표시
config-web-on = 이 서버의 페이지가 공개됐어요: { $url }
    링크가 있으면 누구나 점수, 리뷰, 감상 모임을 볼 수 있어요. 리뷰 작성자는 /privacy web-name으로 직접 공개하지 않는 한 "멤버"로 표시돼요. 페이지를 내리려면 /config web off를 쓰세요.
config-web-on-no-base = 이 서버의 페이지가 봇의 웹 주소 { $path } 경로에 공개됐어요. 봇 운영자가 WEB_BASE_URL을 설정하지 않아서 전체 링크는 알려 드릴 수 없어요.
config-web-off = 이 서버의 페이지를 내렸어요. 이전 링크는 이제 "찾을 수 없음"으로 나와요. 다시 켜면 새 링크가 만들어져요.
config-web-already-off = 이 서버의 페이지는 공개돼 있지 않아서 내릴 것이 없어요.
config-web-choose = 켜기 또는 끄기를 골라 주세요.
config-field-web = 공개 페이지
config-web-field-off = 꺼짐 (/config web on으로 공개)
privacy-web-name-on = 이제 이 서버 공개 페이지의 내 리뷰에 각 리뷰에 적힌 이름이 보여요.
privacy-web-name-off = 이제 이 서버 공개 페이지의 내 리뷰가 다시 "멤버"로 표시돼요.
