# O ranking (src/bot/commands/leaderboard.rs).

leaderboard-bad-year = Informe um ano de 1950 a 2100.
leaderboard-bad-min-voices = Informe um número de 1 a 1000.
leaderboard-line = **{ $rank }.** { $label } — **{ $score }** (média { $mean } · { $voices ->
    [0] { $voices } avaliações
    [one] uma avaliação
   *[other] { $voices } avaliações
})
leaderboard-title-dramas = Ranking de dramas
leaderboard-title-tracks = Ranking de músicas
leaderboard-filter-all-servers = todos os servidores
leaderboard-filter-all-time = desde sempre
leaderboard-filter-this-year = este ano
leaderboard-filter-last-30-days = últimos 30 dias
leaderboard-filter-min-voices = { $voices ->
    [0] pelo menos { $voices } avaliações
    [one] pelo menos uma avaliação
   *[other] pelo menos { $voices } avaliações
}
leaderboard-footer = Ordenado pela nota; títulos com poucas avaliações são puxados para a média de todos os títulos (como se cada um tivesse mais { $m } avaliações na média). A fórmula está em /help. · Página { $page } de { $pages }
