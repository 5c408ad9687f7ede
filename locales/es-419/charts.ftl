# Gráficas (src/bot/charts.rs y quien lo llama) y los pequeños arreglos del equipo de gráficas.

chart-score-title = Puntajes de { $title }
chart-score-mean = Promedio { $mean }
chart-score-median = Mediana { $median }
chart-score-axis-score = puntaje
chart-score-axis-voices = calificaciones
chart-poll-winner = ganadora
chart-poll-tied = empate en primer lugar
chart-poll-axis-votes = votos

# /leaderboard sin resultados: qué filtro lo dejó vacío y qué cambiar.
leaderboard-empty-no-reviews = Nadie reseñó { $kind ->
        [drama] ningún drama
       *[track] ninguna canción
    } todavía: ¡reseña algo con /review!
leaderboard-empty-period = En este período nadie reseñó { $kind ->
        [drama] ningún drama
       *[track] ninguna canción
    }. Prueba con `period: all time` o reseña algo con /review.
leaderboard-empty-genre = { $kind ->
        [drama] Ningún drama reseñado es
       *[track] Ninguna canción reseñada es de un drama
    } del género **{ $genre }**. Revisa cómo está escrito, prueba otro género o quita `genre`.
leaderboard-empty-year = { $kind ->
        [drama] Ningún drama reseñado se transmitió
       *[track] Ninguna canción reseñada es de un drama transmitido
    } en **{ $year }**. Prueba otro año o quita `year`.
leaderboard-empty-min-voices = { $kind ->
        [drama] Ningún drama tiene
       *[track] Ninguna canción tiene
    } todavía { $min } calificaciones o más. Baja `min-voices` o quítalo.
leaderboard-empty-together = Cada uno de estos filtros encuentra algo por separado, pero juntos no dejan nada. Quita uno de ellos.

# /config weekly con la abreviatura de una zona horaria.
timezone-abbreviation = { $abbreviation } se guardó como la zona horaria { $zone }.
timezone-ambiguous = { $abbreviation } puede referirse a varias zonas horarias ({ $zones }). No cambié nada: vuelve a usar el comando con uno de esos nombres.
