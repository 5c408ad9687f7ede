# /config web y /privacy web-name (src/bot/commands/config.rs, privacy.rs).

cmd-config-web = web
    .description = Publica como páginas web las puntuaciones y el club de escucha del servidor, o las retira
cmd-config-web-state = estado
    .description = activar: publicar y recibir el enlace · desactivar: retirar las páginas
cmd-choice-on = activar
cmd-choice-off = desactivar
cmd-privacy = privacidad
    .description = Qué muestran de ti las páginas públicas de este servidor
cmd-privacy-web-name = nombre-web
    .description = Muestra tu nombre en tus reseñas de las páginas públicas, o «un miembro»
cmd-privacy-state = estado
    .description = activar: mostrar mi nombre · desactivar: «un miembro»
config-web-on = Las páginas de este servidor son públicas: { $url }
    Cualquiera con el enlace puede leer las puntuaciones, las reseñas y el club de escucha. Quien reseña aparece como «un miembro» salvo que elija otra cosa con /privacy web-name. Retira las páginas con /config web off.
config-web-on-no-base = Las páginas de este servidor son públicas en { $path } de la dirección web del bot (su operador no ha configurado WEB_BASE_URL, así que el bot no puede dar el enlace completo).
config-web-off = Las páginas de este servidor ya no son públicas: el enlace anterior ahora responde «no encontrada». Si las vuelves a activar, tendrán un enlace nuevo.
config-web-already-off = Las páginas de este servidor no son públicas, así que no había nada que retirar.
config-web-choose = Elige activar o desactivar.
config-field-web = Páginas públicas
config-web-field-off = desactivadas (/config web on las publica)
privacy-web-name-on = Tus reseñas en las páginas públicas de este servidor ahora muestran tu nombre tal como figura en cada reseña.
privacy-web-name-off = Tus reseñas en las páginas públicas de este servidor vuelven a mostrar «un miembro».
