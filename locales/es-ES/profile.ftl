# Perfiles y /forget-me (src/bot/commands/profile.rs).

profile-title = Reseñas de { $name }
profile-reviews-written = Reseñas escritas
profile-mean-given = Nota media que pone
profile-favourites = Dramas favoritos
profile-latest = Últimas reseñas
forget-confirm-button = Borrarlo todo
forget-cancel-button = Cancelar
forget-cancelled = No se ha borrado nada.
