# Publicaciones de la escucha semanal en los canales (src/bot/scheduler.rs), en el idioma del servidor.

weekly-question = ¿Qué canción escuchamos esta semana?
weekly-winner-title = 🎧 La canción de la semana: { $track }
weekly-no-winner-title = 🎧 Esta semana no hay canción
weekly-tie-settled = **{ $track }** ha sido la más propuesta, así que es la canción de esta semana.
weekly-review-button = Reseñar esta canción
nominate-done = Has propuesto **{ $track }** para la encuesta que se abre { $opens }. { $left ->
    [0] Era tu última propuesta de esta semana.
    [one] Puedes proponer una canción más esta semana.
   *[other] Puedes proponer { $left } canciones más esta semana.
}
