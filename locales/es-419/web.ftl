# Las páginas públicas (src/web/), en español latinoamericano.

web-site-name = Club de OST
web-description = Puntajes, reseñas y el club de escucha semanal de un servidor de OST de K-dramas.
web-nav-label = Páginas
web-nav-home = Inicio
web-nav-dramas = Mejores dramas
web-nav-tracks = Mejores temas
web-nav-club = Club de escucha
web-skip = Saltar al contenido
web-footer = Puntuaciones y reseñas de los miembros de este servidor. Quien reseña aparece como "un miembro" a menos que haya elegido mostrar su nombre.
web-language = Idioma
web-not-found-title = Página no encontrada
web-not-found = Esta página no existe o el servidor ya no publica sus páginas.
web-home-title = Nuestros puntajes de OST
web-this-week = Club de escucha
web-club-all = Todas las semanas del club
web-top-dramas = Los dramas más queridos
web-top-tracks = Los temas más queridos
web-no-scores = Todavía no hay puntajes.
web-see-ranking = Ver la clasificación completa
web-recent-reviews = Reseñas más recientes
web-no-reviews = Aún no hay reseñas. Escribe la primera con /review en Discord.
web-score = { $mean } / 10 con { $voices ->
    [one] un voto
   *[other] { $voices } votos
}
web-author-anonymous = Un miembro
web-review-score = le dio { $score }/10
web-spoiler = Contiene spoilers: mostrar
web-community-score = Puntaje de la comunidad
web-drama-unscored = Nadie de acá le puso puntaje a esta OST todavía.
web-ost = La OST
web-ost-empty = El catálogo todavía no tiene temas de esta OST.
web-top-reviews = Reseñas destacadas
web-histogram-alt = Votos por puntaje: { $counts }
web-voices = Votos
web-mean = Promedio
web-median = Mediana
web-spread = Dispersión
web-spread-value = ± { $spread }
web-part = Parte { $part }
web-part-none = Otros temas
web-period = Período
web-period-all = Desde siempre
web-period-year = Este año
web-period-30d = Últimos 30 días
web-genre = Género
web-genre-any = cualquier género
web-filter = Mostrar
web-ranking-empty = Todavía no hay nada clasificado con estas opciones.
web-pages = Páginas de la lista
web-previous = Anterior
web-next = Siguiente
web-page-of = Página { $page } de { $pages }
web-ranking-rule = Ordenado por puntaje; los títulos con pocas reseñas se acercan al promedio de todos, como si cada uno tuviera { $m } reseñas promedio más.
web-votes = { $votes ->
    [one] un voto
   *[other] { $votes } votos
}
web-votes-alt = Votos por opción: { $counts }
web-poll-open = La votación sigue abierta en Discord hasta el { $closes }.
web-poll-hidden = Los recuentos se ocultan hasta que cierre la encuesta.
web-club-winner = Ganadora
web-club-title = Archivo del club de escucha
web-club-empty = Todavía no ha terminado ninguna semana del club.
web-week-of = Semana del { $date }
web-week-votes = Votos por tema
web-option = Tema
web-votes-heading = Votos
