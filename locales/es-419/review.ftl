# Reseñas (crates/core/src/reviews, src/bot/commands/review.rs).

review-error-score-out-of-range = El puntaje tiene que ser un número entero del 1 al 10.
review-error-not-yours = Solo puedes borrar tus propias reseñas.
review-error-no-such-review = No existe la reseña #{ $review } en este servidor.
review-history-author-only = Solo quien escribió la reseña puede ver sus versiones anteriores.
review-answer-yes-or-no = Responde sí o no.
reviews-title-of = Reseñas de { $name }
reviews-title-yours = Tus reseñas
reviews-this-member = este miembro
reviews-title-by = Reseñas de { $name }
reviews-none = Todavía no hay reseñas.
reviews-footer = Página { $page } de { $pages } · { $total ->
    [one] una reseña
   *[other] { $total } reseñas
}
reviews-delete-button = Borrar #{ $review }
reviews-deleted = Se borró la reseña #{ $review }.
review-updated = Tu reseña se actualizó; la versión anterior queda en su historial.
review-saved = Tu reseña quedó guardada.
review-earlier-versions = Versiones anteriores
review-delete = Borrar
review-field-score = Puntaje
review-field-review = Reseña
review-footer = Escrita el { $date }
review-footer-edited = Escrita el { $date } · { $edits ->
    [one] editada una vez
   *[other] editada { $edits } veces
}
review-summary = **{ $mean }**/10 con { $voices ->
    [one] un voto
   *[other] { $voices } votos
} · mediana { $median } · dispersión ±{ $spread }
review-none-here = Todavía no hay reseñas en este servidor. ¡Escribe la primera!
review-summary-everywhere = Todos los servidores: **{ $mean }**/10 con { $voices ->
    [one] un voto
   *[other] { $voices } votos
}
review-field-community-score = Puntaje de la comunidad
review-track-score = **{ $mean }** · { $track } ({ $voices ->
    [one] un voto
   *[other] { $voices } votos
})
review-field-track-scores = Puntajes por canción
review-field-top-reviews = Reseñas destacadas
review-button = Reseñar
review-deleted = Se borró tu reseña de { $subject }.
review-history-title = Versiones anteriores · { $subject }
review-history-none = No hay versiones anteriores.
review-form-title-prefix = Reseña:
review-form-score = Puntaje (1–10)
review-form-text = Tu reseña (opcional)
review-form-spoiler = ¿Tiene spoilers? (sí / no)
review-form-no = no
    .also = n, false, x
review-form-yes = sí
    .also = si, s, yes, y, true, o
moderate-removed = Quité la reseña #{ $review } de { $member } sobre { $subject } ({ $score }/10). La eliminación queda registrada.
export-reviews = Las reseñas de este servidor, de la más antigua a la más reciente.
