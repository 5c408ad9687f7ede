# 차트(src/bot/charts.rs 호출부)와 차트 담당의 작은 수정들.

chart-score-title = { $title } 점수 분포
chart-score-mean = 평균 { $mean }
chart-score-median = 중앙값 { $median }
chart-score-axis-score = 점수
chart-score-axis-voices = 평가 수
chart-poll-winner = 1위
chart-poll-tied = 공동 1위
chart-poll-axis-votes = 득표 수

# /leaderboard 결과 없음: 어떤 조건 때문인지, 무엇을 바꾸면 되는지.
leaderboard-empty-no-reviews = 아직 리뷰된 { $kind ->
        [drama] 드라마가
       *[track] 곡이
    } 없어요. /review로 첫 리뷰를 남겨 보세요!
leaderboard-empty-period = 이 기간에 리뷰한 { $kind ->
        [drama] 드라마가
       *[track] 곡이
    } 없어요. `기간: 전체`로 바꾸거나 /review로 리뷰를 남겨 보세요!
leaderboard-empty-genre = 장르가 **{ $genre }**인 { $kind ->
        [drama] 드라마 중
       *[track] 드라마의 곡 중
    } 리뷰된 것이 없어요. 철자를 확인하거나, 다른 장르를 고르거나, `장르` 조건을 빼 보세요.
leaderboard-empty-year = **{ $year }**년에 방영한 { $kind ->
        [drama] 드라마 중
       *[track] 드라마의 곡 중
    } 리뷰된 것이 없어요. 다른 연도를 고르거나 `연도` 조건을 빼 보세요.
leaderboard-empty-min-voices = 평가가 { $min }개 이상인 { $kind ->
        [drama] 드라마는
       *[track] 곡은
    } 아직 없어요. `최소인원`을 낮추거나 빼 보세요.
leaderboard-empty-together = 조건을 하나씩 쓰면 결과가 있지만, 함께 쓰면 하나도 남지 않아요. 조건 하나를 빼 보세요.

# /config weekly 시간대 약어.
timezone-abbreviation = { $abbreviation } 표기를 { $zone } 시간대로 저장했어요.
timezone-ambiguous = { $abbreviation } 표기는 여러 시간대({ $zones })를 뜻할 수 있어요. 아무것도 바꾸지 않았어요. 이 중 하나의 이름으로 다시 입력해 주세요.
