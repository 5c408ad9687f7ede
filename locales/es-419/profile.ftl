# Perfiles y /forget-me (src/bot/commands/profile.rs).

forget-confirm-not-yours = Solo el miembro que lo pidió puede confirmar.
profile-title = Reseñas de { $name }
profile-reviews-written = Reseñas escritas
profile-mean-given = Puntaje promedio otorgado
profile-favourites = Dramas favoritos
profile-latest = Reseñas recientes
forget-warning = Esto borra **todas tus reseñas en todos los servidores** (y su historial), y los puntajes de la comunidad cambian en consecuencia. No se puede deshacer.
forget-confirm-button = Borrar todo
forget-cancel-button = Cancelar
forget-cancelled = No se borró nada.
forget-done = Listo: se borraron { $reviews ->
    [one] una reseña
   *[other] { $reviews } reseñas
}, { $ballots ->
    [one] un voto en encuestas
   *[other] { $ballots } votos en encuestas
} y { $nominations ->
    [one] una nominación
   *[other] { $nominations } nominaciones
} en todos los servidores.
