# Perfis e /forget-me (src/bot/commands/profile.rs).

profile-title = Avaliações de { $name }
profile-reviews-written = Avaliações escritas
profile-mean-given = Nota média dada
profile-favourites = Dramas favoritos
profile-latest = Avaliações recentes
forget-confirm-button = Apagar tudo
forget-cancel-button = Cancelar
forget-cancelled = Nada foi apagado.
