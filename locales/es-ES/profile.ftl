# Perfiles y /forget-me (src/bot/commands/profile.rs).

forget-confirm-not-yours = Solo puede confirmarlo el miembro que lo pidió.
profile-title = Reseñas de { $name }
profile-reviews-written = Reseñas escritas
profile-mean-given = Nota media que pone
profile-favourites = Dramas favoritos
profile-latest = Últimas reseñas
forget-warning = Esto borra **todas tus reseñas en todos los servidores** (y su historial), y las notas de la comunidad cambiarán en consecuencia. No se puede deshacer.
forget-confirm-button = Borrarlo todo
forget-cancel-button = Cancelar
forget-cancelled = No se ha borrado nada.
forget-done = Hecho: se han borrado { $reviews ->
    [one] una reseña
   *[other] { $reviews } reseñas
}, { $ballots ->
    [one] un voto en encuestas
   *[other] { $ballots } votos en encuestas
} y { $nominations ->
    [one] una propuesta
   *[other] { $nominations } propuestas
} en todos los servidores.
