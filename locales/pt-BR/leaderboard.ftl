# O ranking (src/bot/commands/leaderboard.rs).

leaderboard-bad-year = Informe um ano de 1950 a 2100.
leaderboard-bad-min-voices = Informe um número de 1 a 1000.
leaderboard-line = **{ $rank }.** { $label } — **{ $score }** (média { $mean } · { $voices ->
    [one] uma avaliação
   *[other] { $voices } avaliações
})
leaderboard-empty = Nada por aqui ainda: avalie alguma coisa com /review!
leaderboard-empty-min-voices = Nenhum título tem { $voices } avaliações ou mais ainda: diminua o mínimo para ver o ranking.
leaderboard-empty-genre = Nenhum título avaliado tem o gênero “{ $genre }”: tente outro gênero, ou nenhum.
leaderboard-empty-year = Nenhum título avaliado é de { $year }: tente outro ano, ou nenhum.
leaderboard-empty-period = Nada foi avaliado neste período: tente o período “desde sempre”.
leaderboard-empty-filters = Cada filtro sozinho mostra resultados, mas juntos não sobra nada: tire um deles.
leaderboard-title-dramas = Ranking de dramas
leaderboard-title-tracks = Ranking de músicas
leaderboard-filter-all-servers = todos os servidores
leaderboard-filter-all-time = desde sempre
leaderboard-filter-this-year = este ano
leaderboard-filter-last-30-days = últimos 30 dias
leaderboard-filter-min-voices = { $voices ->
    [one] pelo menos uma avaliação
   *[other] pelo menos { $voices } avaliações
}
leaderboard-footer = Ordenado pela nota; títulos com poucas avaliações são puxados para a média de todos os títulos (como se cada um tivesse mais { $m } avaliações na média). A fórmula está em /help. · Página { $page } de { $pages }
