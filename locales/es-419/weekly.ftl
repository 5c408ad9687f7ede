# Publicaciones del ciclo semanal de escucha en el canal (src/bot/scheduler.rs), en el idioma del servidor.

weekly-question = ¿Qué canción escuchamos esta semana?
weekly-winner-title = 🎧 La canción de esta semana: { $track }
weekly-no-winner-title = 🎧 Esta semana no hay canción
weekly-tie-settled = **{ $track }** fue la más nominada, así que es la canción de esta semana.
weekly-review-button = Reseñar esta canción
nominate-done = Nominaste **{ $track }** para la encuesta que abre { $opens }. { $left ->
    [0] Esa fue tu última nominación de esta semana.
    [one] Puedes nominar una canción más esta semana.
   *[other] Puedes nominar { $left } canciones más esta semana.
}
