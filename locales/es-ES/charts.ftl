# Gráficos (src/bot/charts.rs y quien lo llama) y los pequeños arreglos del equipo de gráficos.

chart-score-title = Puntuaciones de { $title }
chart-score-mean = Media { $mean }
chart-score-median = Mediana { $median }
chart-score-axis-score = puntuación
chart-score-axis-voices = valoraciones
chart-poll-winner = ganadora
chart-poll-tied = empate en cabeza
chart-poll-axis-votes = votos

# /leaderboard sin resultados: qué filtro lo vació y qué cambiar.
leaderboard-empty-no-reviews = Aún no se ha reseñado { $kind ->
        [drama] ningún drama
       *[track] ninguna canción
    }: ¡reseña algo con /review!
leaderboard-empty-period = En este periodo no se ha reseñado { $kind ->
        [drama] ningún drama
       *[track] ninguna canción
    }. Prueba con `period: all time` o reseña algo con /review.
leaderboard-empty-genre = { $kind ->
        [drama] Ningún drama reseñado es
       *[track] Ninguna canción reseñada es de un drama
    } del género **{ $genre }**. Revisa cómo está escrito, prueba otro género o quita `genre`.
leaderboard-empty-year = { $kind ->
        [drama] Ningún drama reseñado se emitió
       *[track] Ninguna canción reseñada es de un drama emitido
    } en **{ $year }**. Prueba otro año o quita `year`.
leaderboard-empty-min-voices = { $kind ->
        [drama] Ningún drama tiene
       *[track] Ninguna canción tiene
    } aún { $min } valoraciones o más. Baja `min-voices` o quítalo.
leaderboard-empty-together = Cada uno de estos filtros encuentra algo por separado, pero juntos no dejan nada. Quita uno de ellos.

# /config weekly con la abreviatura de una zona horaria.
timezone-abbreviation = { $abbreviation } se guarda como la zona horaria { $zone }.
timezone-ambiguous = { $abbreviation } puede referirse a varias zonas horarias ({ $zones }). No he cambiado nada: vuelve a usar el comando con uno de esos nombres.
