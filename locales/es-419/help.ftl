# /help (src/bot/commands/help.rs). Los nombres de los comandos salen de sus definiciones.

help-title = ostbot — los OST de K-dramas, para disfrutar juntos
help-intro = Busca las bandas sonoras de K-dramas en inglés, en coreano o romanizadas.
help-track = busca una canción de OST: título, título en coreano, romanización, artista — no importan los errores de tipeo
help-drama = un drama y la lista de canciones de su OST
help-catalog = moderadores: agrega dramas y canciones propios de este servidor, importa un archivo CSV/JSON o una OST completa de MusicBrainz (/catalog fetch) o quítalos
help-review = califica del 1 al 10 el OST de un drama o una de sus canciones, con texto opcional (o toca Reseñar en una tarjeta)
help-reviews = lee las reseñas de este servidor sobre un drama o una canción, o las de un miembro
help-leaderboard = los dramas o canciones con mejor puntaje de la comunidad. El puntaje es un promedio ponderado, (v·R + m·C) / (v + m): R es el promedio del título, v su cantidad de reseñas, C el promedio de todos los títulos y m el mínimo de votos del servidor (5 si nadie lo cambió), así que un título con pocas reseñas se mantiene cerca del promedio general
help-profile = las reseñas de un miembro, su puntaje promedio y sus favoritos
help-forget-me = borra todas tus reseñas en todos los servidores
help-privacy = elige si las páginas públicas del servidor muestran tu nombre en tus reseñas o "un miembro"
help-moderate = moderadores: quita una reseña (queda registrado)
help-export = moderadores: descarga las reseñas del servidor en CSV
help-poll = encuestas de escucha: crea (con canciones o texto libre), vota con botones, cierra, ve los resultados y la lista
help-nominate = propón una canción para la encuesta semanal de escucha (3 por semana)
help-config = moderadores: el idioma del servidor, el feed de reseñas, los roles de encuestas y de mención, y el ciclo semanal de escucha
help-help = este mensaje
