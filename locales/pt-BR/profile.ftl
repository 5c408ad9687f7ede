# Perfis e /forget-me (src/bot/commands/profile.rs).

forget-confirm-not-yours = Só o membro que pediu pode confirmar.
profile-title = Avaliações de { $name }
profile-reviews-written = Avaliações escritas
profile-mean-given = Nota média dada
profile-favourites = Dramas favoritos
profile-latest = Avaliações recentes
forget-warning = Isso apaga **todas as suas avaliações em todos os servidores** (e o histórico delas), e as notas da comunidade mudam de acordo. Não dá para desfazer.
forget-confirm-button = Apagar tudo
forget-cancel-button = Cancelar
forget-cancelled = Nada foi apagado.
forget-done = Pronto: apaguei { $reviews ->
    [0] 0 avaliações
    [one] uma avaliação
   *[other] { $reviews } avaliações
}, { $ballots ->
    [0] 0 votos em enquetes
    [one] um voto em enquete
   *[other] { $ballots } votos em enquetes
} e { $nominations ->
    [0] 0 indicações
    [one] uma indicação
   *[other] { $nominations } indicações
} em todos os servidores.
