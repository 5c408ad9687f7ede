# Postagens da escuta coletiva semanal nos canais (src/bot/scheduler.rs), no idioma do servidor.

weekly-question = Qual música vamos ouvir esta semana?
weekly-winner-title = 🎧 Música da semana: { $track }
weekly-no-winner-title = 🎧 Sem música da semana desta vez
weekly-tie-settled = **{ $track }** foi a mais indicada, então é a música da semana.
weekly-review-button = Avaliar esta música
nominate-done = Você indicou **{ $track }** para a enquete que abre { $opens }. { $left ->
    [0] Essa foi sua última indicação da semana.
    [one] Você ainda pode indicar mais uma música esta semana.
   *[other] Você ainda pode indicar mais { $left } músicas esta semana.
}
