# El ranking (src/bot/commands/leaderboard.rs).

leaderboard-bad-year = Escribe un año entre 1950 y 2100.
leaderboard-bad-min-voices = Escribe un número del 1 al 1000.
leaderboard-line = **{ $rank }.** { $label } — **{ $score }** (promedio { $mean } · { $voices ->
    [one] un voto
   *[other] { $voices } votos
})
leaderboard-empty = Todavía no hay nada que coincida: ¡reseña algo con /review!
leaderboard-empty-min-voices = Todavía ningún título tiene { $voices } votos o más: baja votos-mínimos para ver el ranking.
leaderboard-empty-genre = Ningún título reseñado tiene el género “{ $genre }”: prueba con otro género o sin género.
leaderboard-empty-year = Ningún título reseñado es de { $year }: prueba con otro año o sin año.
leaderboard-empty-period = No hay reseñas en este período: prueba con el período “de todos los tiempos”.
leaderboard-empty-filters = Cada filtro por separado da resultados, pero juntos no dejan nada: quita alguno.
leaderboard-title-dramas = Top dramas
leaderboard-title-tracks = Top canciones
leaderboard-filter-all-servers = todos los servidores
leaderboard-filter-all-time = de todos los tiempos
leaderboard-filter-this-year = este año
leaderboard-filter-last-30-days = últimos 30 días
leaderboard-filter-min-voices = { $voices ->
    [one] al menos un voto
   *[other] al menos { $voices } votos
}
leaderboard-footer = Ordenado por puntaje; los títulos con pocas reseñas se acercan al promedio de todos los títulos (como si cada uno tuviera { $m ->
    [one] una reseña más
   *[other] { $m } reseñas más
} con el puntaje promedio). La fórmula está en /help. · Página { $page } de { $pages }
