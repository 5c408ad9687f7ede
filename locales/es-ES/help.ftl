# /help (src/bot/commands/help.rs). Los nombres de los comandos salen de sus definiciones.

help-title = ostbot — las OST de los K-dramas, en comunidad
help-intro = Busca bandas sonoras de K-dramas escribiendo en inglés, en coreano o en romanización.
help-track = busca una canción de OST: título, título coreano, romanización, artista… y no pasa nada si escribes con erratas
help-drama = un drama y la lista de canciones de su OST
help-catalog = moderadores: añade dramas y canciones propios de este servidor, importa un archivo CSV/JSON o una OST completa de MusicBrainz (/catalog fetch) o quítalos
help-review = puntúa del 1 al 10 la OST de un drama o una de sus canciones, con texto opcional (o pulsa Reseñar en una ficha)
help-reviews = lee las reseñas de este servidor sobre un drama o una canción, o las de un miembro
help-leaderboard = los dramas o canciones con mejor nota de la comunidad. La nota es una media ponderada, (v·R + m·C) / (v + m): R es la media del título, v su número de reseñas, C la media de todos los títulos y m los votos mínimos del servidor (5 si no se cambia), así que un título con pocas reseñas se queda cerca de la media general
help-profile = las reseñas de un miembro, su nota media y sus favoritos
help-forget-me = borra todas tus reseñas en todos los servidores
help-privacy = elige si las páginas públicas del servidor muestran tu nombre en tus reseñas o «un miembro»
help-moderate = moderadores: quita una reseña (queda registrado)
help-export = moderadores: descarga las reseñas del servidor en CSV
help-poll = encuestas de escucha: créalas (con canciones o texto libre), vota con botones, ciérralas, consulta los resultados y la lista
help-nominate = propón una canción para la encuesta de escucha semanal (3 por semana)
help-config = moderadores: el idioma del servidor, el canal de reseñas, los roles de encuestas y de aviso, y la escucha semanal
help-help = este mensaje
