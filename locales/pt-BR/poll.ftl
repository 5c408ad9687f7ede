# Enquetes (crates/core/src/polls, src/bot/commands/poll.rs, src/bot/poll_view.rs).

poll-error-empty-question = A pergunta não pode ficar vazia.
poll-error-too-few-options = Uma enquete precisa de pelo menos { $min } opções.
poll-error-too-many-options = Uma enquete pode ter no máximo { $max } opções.
poll-error-empty-option = Uma opção não pode ficar vazia.
poll-error-listed-twice = “{ $option }” aparece duas vezes.
poll-error-already-an-option = “{ $option }” já é uma opção.
poll-error-bad-duration = Escreva a duração assim: 3d, 12h, 90m ou 1d12h.
poll-error-duration-too-short = Uma enquete precisa ficar aberta por pelo menos um minuto.
poll-error-duration-too-long = Uma enquete pode ficar aberta por no máximo { $days } dias.
poll-error-options-locked = Só dá para adicionar opções a uma enquete aberta, antes do primeiro voto.
poll-error-no-such-poll = Não existe a enquete #{ $poll }.
poll-error-not-an-option = Essa não é uma opção desta enquete.
poll-error-closed = A enquete #{ $poll } está encerrada.
poll-error-no-weekly-cycle = Este servidor ainda não tem escuta coletiva semanal (moderadores: /config weekly).
poll-error-already-nominated = Você já indicou essa música esta semana.
poll-error-too-many-nominations = Você pode indicar { $max } músicas por semana.
poll-choose-subcommand = Escolha criar, adicionar, encerrar, resultados ou lista.
poll-create-needs-role = Só moderadores e membros com o cargo de enquetes podem criar enquetes.
poll-creator-only = Só quem criou a enquete ou um moderador pode fazer isso.
poll-give-number = Informe o número da enquete.
poll-already-closed = A enquete #{ $poll } já está encerrada.
poll-number = Enquete #{ $poll }
poll-mode-multi = múltipla escolha
poll-mode-anonymous = anônima
poll-mode-hidden = resultados ocultos até o encerramento
poll-voters = 👥 { $voters ->
    [0] nenhum membro votou
    [one] um membro votou
   *[other] { $voters } membros votaram
}
poll-results-hidden = 🙈 Os resultados ficam ocultos até a enquete encerrar
poll-closes = ⏰ Encerra { $when }
poll-closed = 🔒 Encerrada
poll-choose-several = Escolha uma ou mais
poll-choose-one = Escolha uma
poll-no-votes = Ninguém votou.
poll-winner = 🏆 Vencedora: { $option }
poll-tie = 🤝 Empate entre { $options }
poll-results-title = 📊 Resultados: { $question }
poll-created = A enquete #{ $poll } está no ar. Ela encerra { $closes }.
poll-option-added = Adicionei a opção { $n } à enquete #{ $poll }: **{ $option }**.
poll-closed-now = Enquete #{ $poll } encerrada; os resultados foram postados.
poll-results-hidden-until = Os resultados da enquete #{ $poll } ficam ocultos até ela encerrar { $closes }.
poll-still-open = A enquete #{ $poll } ainda está aberta; ela encerra { $closes }.
poll-list-empty = Ainda não há enquetes neste servidor. Crie uma com /poll create.
poll-list-title = Enquetes deste servidor
poll-list-open = Abertas
poll-list-closed = Encerradas recentemente
poll-vote-withdrawn = Você retirou seu voto na enquete #{ $poll }.
poll-voted = Você votou em { $options }. Dá para mudar o voto até a enquete encerrar.
