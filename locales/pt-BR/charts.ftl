# Gráficos (src/bot/charts.rs e quem o chama) e as pequenas correções da equipe de gráficos.

chart-score-title = Notas de { $title }
chart-score-mean = Média { $mean }
chart-score-median = Mediana { $median }
chart-score-axis-score = nota
chart-score-axis-voices = avaliações
chart-poll-winner = vencedora
chart-poll-tied = empate em primeiro
chart-poll-axis-votes = votos

# /leaderboard sem resultados: qual filtro esvaziou e o que mudar.
leaderboard-empty-no-reviews = { $kind ->
        [drama] Nenhum drama foi avaliado
       *[track] Nenhuma música foi avaliada
    } ainda: avalie algo com /review!
leaderboard-empty-period = { $kind ->
        [drama] Nenhum drama foi avaliado
       *[track] Nenhuma música foi avaliada
    } neste período. Tente `period: all time` ou avalie algo com /review!
leaderboard-empty-genre = { $kind ->
        [drama] Nenhum drama avaliado é
       *[track] Nenhuma música avaliada é de um drama
    } do gênero **{ $genre }**. Confira a grafia, tente outro gênero ou deixe `genre` de fora.
leaderboard-empty-year = { $kind ->
        [drama] Nenhum drama avaliado foi exibido
       *[track] Nenhuma música avaliada é de um drama exibido
    } em **{ $year }**. Tente outro ano ou deixe `year` de fora.
leaderboard-empty-min-voices = { $kind ->
        [drama] Nenhum drama
       *[track] Nenhuma música
    } tem { $min } avaliações ou mais ainda. Diminua `min-voices` ou deixe de fora.
leaderboard-empty-together = Cada um desses filtros encontra algo sozinho, mas juntos não sobra nada. Deixe um deles de fora.

# /config weekly com a sigla de um fuso horário.
timezone-abbreviation = { $abbreviation } foi salvo como o fuso horário { $zone }.
timezone-ambiguous = { $abbreviation } pode indicar mais de um fuso horário ({ $zones }). Nada foi alterado: use o comando de novo com um desses nomes.
