# Ajustes del servidor (src/bot/commands/config.rs).

config-bad-candidates = Elige entre 2 y 10 canciones.
config-choose-subcommand = Elige ver, idioma, feed-reseñas, rol-encuestas, rol-mención, semanal o restablecer.
config-language-name = idioma
config-language-description = El idioma de las publicaciones del servidor (encuesta semanal, resultados, feed de reseñas)
config-language-option = El idioma
config-language-unknown = Elige uno de los idiomas de la lista.
config-language-set = Idioma de las publicaciones de este servidor en los canales: { $language }.
config-review-feed-set = Las reseñas nuevas se publicarán en { $channel }.
config-poll-role-set = Ahora los miembros con { $role } pueden crear encuestas.
config-poll-role-cleared = Ahora solo los moderadores pueden crear encuestas.
config-ping-role-set = Se mencionará a { $role } cuando abra la encuesta semanal.
config-ping-role-cleared = No se mencionará a nadie cuando abra la encuesta semanal.
config-weekly-set = El ciclo semanal de escucha será cada { $day } a las { $time } ({ $timezone }) en { $channel }, con { $candidates } candidatas. Próxima ronda: { $next }.
config-reset-done = Todos los ajustes volvieron a sus valores predeterminados: el ciclo semanal está desactivado y las páginas públicas ya no están disponibles. Las encuestas abiertas igual cierran a la hora prevista.
config-not-set = sin configurar
config-title = Ajustes de ostbot
config-field-language = Idioma de las publicaciones
config-field-review-feed = Feed de reseñas
config-field-poll-role = Rol de encuestas
config-field-ping-role = Rol de mención
config-weekly-off = desactivado
config-weekly-summary = cada { $day } a las { $time } ({ $timezone }) en { $channel }, { $candidates } candidatas
config-field-weekly = Ciclo semanal
config-field-problem = ⚠️ Problema
config-problem = La última publicación falló: { $problem }. Corrige los permisos del canal o elige otro canal.
weekday = { $day ->
    [0] lunes
    [1] martes
    [2] miércoles
    [3] jueves
    [4] viernes
    [5] sábado
   *[6] domingo
}
