# Perfiles y /forget-me (src/bot/commands/profile.rs).

profile-title = Reseñas de { $name }
profile-reviews-written = Reseñas escritas
profile-mean-given = Puntaje promedio otorgado
profile-favourites = Dramas favoritos
profile-latest = Reseñas recientes
forget-confirm-button = Borrar todo
forget-cancel-button = Cancelar
forget-cancelled = No se borró nada.
