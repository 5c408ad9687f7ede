# As páginas públicas (src/web/).

web-site-name = Clube de OST
web-description = Notas, resenhas e o clube de escuta semanal de um servidor de OSTs de K-dramas.
web-nav-label = Páginas
web-nav-home = Início
web-nav-dramas = Melhores doramas
web-nav-tracks = Melhores músicas
web-nav-club = Clube de escuta
web-skip = Pular para o conteúdo
web-footer = Notas e resenhas dos membros deste servidor. Quem escreve aparece como "um membro", a menos que tenha escolhido mostrar o nome.
web-language = Idioma
web-not-found-title = Página não encontrada
web-not-found = Esta página não existe, ou o servidor não publica mais as suas páginas.
web-home-title = Nossas notas de OST
web-this-week = Clube de escuta
web-club-all = Todas as semanas do clube
web-top-dramas = Os doramas mais amados
web-top-tracks = As músicas mais amadas
web-no-scores = Ainda não há notas.
web-see-ranking = Ver o ranking completo
web-recent-reviews = Resenhas mais recentes
web-no-reviews = Ainda não há resenhas. Escreva a primeira com /review no Discord.
web-score = { $mean } / 10 com { $voices ->
    [0] { $voices } votos
    [one] um voto
   *[other] { $voices } votos
}
web-author-anonymous = Um membro
web-review-score = deu { $score }/10
web-spoiler = Contém spoilers: mostrar
web-community-score = Nota da comunidade
web-drama-unscored = Ninguém daqui deu nota a esta OST ainda.
web-ost = A OST
web-ost-empty = O catálogo ainda não tem músicas desta OST.
web-top-reviews = Resenhas em destaque
web-histogram-alt = Votos por nota: { $counts }
web-voices = Votos
web-mean = Média
web-median = Mediana
web-spread = Dispersão
web-spread-value = ± { $spread }
web-part = Parte { $part }
web-part-none = Outras músicas
web-period = Período
web-period-all = Desde sempre
web-period-year = Este ano
web-period-30d = Últimos 30 dias
web-genre = Gênero
web-genre-any = qualquer gênero
web-filter = Mostrar
web-ranking-empty = Ainda não há nada no ranking com essas escolhas.
web-pages = Páginas da lista
web-previous = Anterior
web-next = Próxima
web-page-of = Página { $page } de { $pages }
web-ranking-rule = Ordenado por nota; títulos com poucas resenhas são puxados para a média de todos, como se cada um tivesse mais { $m } resenhas na média.
web-votes = { $votes ->
    [0] { $votes } votos
    [one] um voto
   *[other] { $votes } votos
}
web-votes-alt = Votos por opção: { $counts }
web-poll-open = A votação está aberta no Discord até { $closes }.
web-poll-hidden = As contagens ficam ocultas até a enquete encerrar.
web-club-winner = Vencedora
web-club-title = Arquivo do clube de escuta
web-club-empty = Nenhuma semana do clube terminou ainda.
web-week-of = Semana de { $date }
web-week-votes = Votos por música
web-option = Música
web-votes-heading = Votos
