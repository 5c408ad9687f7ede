# El ranking (src/bot/commands/leaderboard.rs).

leaderboard-bad-year = Indica un año entre 1950 y 2100.
leaderboard-bad-min-voices = Indica un número entre 1 y 1000.
leaderboard-line = **{ $rank }.** { $label } — **{ $score }** (media { $mean } · { $voices ->
    [one] un voto
   *[other] { $voices } votos
})
leaderboard-empty = Todavía no hay nada que coincida: ¡reseña algo con /review!
leaderboard-empty-min-voices = Todavía ningún título tiene { $voices } votos o más: baja votos-mínimos para ver la clasificación.
leaderboard-empty-genre = Ningún título reseñado tiene el género «{ $genre }»: prueba con otro género o sin género.
leaderboard-empty-year = Ningún título reseñado es de { $year }: prueba con otro año o sin año.
leaderboard-empty-period = No hay reseñas en este periodo: prueba con el periodo «desde siempre».
leaderboard-empty-filters = Cada filtro por separado da resultados, pero juntos no dejan nada: quita alguno.
leaderboard-title-dramas = Dramas mejor valorados
leaderboard-title-tracks = Canciones mejor valoradas
leaderboard-filter-all-servers = todos los servidores
leaderboard-filter-all-time = desde siempre
leaderboard-filter-this-year = este año
leaderboard-filter-last-30-days = últimos 30 días
leaderboard-filter-min-voices = { $voices ->
    [one] al menos un voto
   *[other] al menos { $voices } votos
}
leaderboard-footer = Ordenado por nota; los títulos con pocas reseñas se acercan a la media de todos los títulos (como si cada uno tuviera { $m } reseñas más con la nota media). La fórmula está en /help. · Página { $page } de { $pages }
