# /help (src/bot/commands/help.rs). Os nomes dos comandos vêm das definições dos comandos.

help-title = ostbot — OSTs de K-drama para curtir juntos
help-intro = Encontre trilhas sonoras de K-dramas escrevendo em inglês, coreano ou romanizado.
help-track = busque uma música de OST: título, título em coreano, romanização, artista — pode errar a digitação
help-drama = um drama e a tracklist da OST dele
help-catalog = moderadores: adicione dramas e músicas próprios do servidor, importe um arquivo CSV/JSON ou uma OST inteira do MusicBrainz (/catalog fetch), remova itens
help-review = dê uma nota de 1 a 10 para a OST de um drama ou para uma música, com texto opcional (ou toque em Avaliar em um card)
help-reviews = leia as avaliações deste servidor sobre um drama, uma música ou de um membro
help-leaderboard = os dramas ou músicas mais bem avaliados pela nota da comunidade. A nota é uma média ponderada, (v·R + m·C) / (v + m): R é a média do título, v o número de avaliações dele, C a média de todos os títulos e m o mínimo de avaliações do servidor (5, se ninguém mudou). Assim, um título com poucas avaliações fica perto da média geral
help-profile = as avaliações de um membro, a nota média e os favoritos
help-forget-me = apague todas as suas avaliações em todos os servidores
help-privacy = escolha se as páginas públicas do servidor mostram seu nome nas suas resenhas ou "um membro"
help-moderate = moderadores: remova uma avaliação (fica registrado)
help-export = moderadores: baixe as avaliações do servidor em CSV
help-poll = enquetes da escuta coletiva: crie (com músicas ou texto livre), vote pelos botões, encerre, veja os resultados e a lista
help-nominate = indique uma música para a enquete da escuta coletiva semanal (3 por semana)
help-config = moderadores: o idioma do servidor, o feed de avaliações, os cargos de enquete e de aviso, a escuta coletiva semanal
help-help = esta mensagem
