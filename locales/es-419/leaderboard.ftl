# El ranking (src/bot/commands/leaderboard.rs).

leaderboard-bad-year = Escribe un año entre 1950 y 2100.
leaderboard-bad-min-voices = Escribe un número del 1 al 1000.
leaderboard-line = **{ $rank }.** { $label } — **{ $score }** (promedio { $mean } · { $voices ->
    [one] un voto
   *[other] { $voices } votos
})
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
