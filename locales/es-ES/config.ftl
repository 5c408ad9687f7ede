# Ajustes del servidor (src/bot/commands/config.rs).

config-bad-candidates = Elige entre 2 y 10 canciones.
config-choose-subcommand = Elige ver, idioma, canal-reseñas, rol-encuestas, rol-aviso, semanal o restablecer.
config-language-name = idioma
config-language-description = Idioma de lo que el bot publica en los canales (encuesta semanal, resultados, reseñas)
config-language-option = El idioma
config-language-unknown = Elige uno de los idiomas de la lista.
config-language-set = A partir de ahora, el bot publicará en los canales de este servidor en { $language }.
config-review-feed-set = Las reseñas nuevas se publicarán en { $channel }.
config-poll-role-set = Ahora los miembros con { $role } también pueden crear encuestas.
config-poll-role-cleared = Ahora solo los moderadores pueden crear encuestas.
config-ping-role-set = Se mencionará a { $role } cuando se abra la encuesta semanal.
config-ping-role-cleared = No se mencionará a nadie cuando se abra la encuesta semanal.
config-weekly-set = La escucha semanal será cada { $day } a las { $time } ({ $timezone }) en { $channel }, con { $candidates } candidatas. Próxima ronda: { $next }.
config-reset-done = Todos los ajustes han vuelto a sus valores por defecto: la escucha semanal está desactivada y las páginas públicas ya no están disponibles. Las encuestas abiertas se cerrarán a su hora.
config-not-set = sin configurar
config-title = Ajustes de ostbot
config-field-language = Idioma de las publicaciones
config-field-review-feed = Canal de reseñas
config-field-poll-role = Rol de encuestas
config-field-ping-role = Rol de aviso
config-weekly-off = desactivada
config-weekly-summary = cada { $day } a las { $time } ({ $timezone }) en { $channel }, { $candidates } candidatas
config-field-weekly = Escucha semanal
config-field-problem = ⚠️ Problema
config-problem = La última publicación ha fallado: { $problem }. Revisa los permisos del canal o elige otro.
weekday = { $day ->
    [0] lunes
    [1] martes
    [2] miércoles
    [3] jueves
    [4] viernes
    [5] sábado
   *[6] domingo
}
