# Avaliações (crates/core/src/reviews, src/bot/commands/review.rs).

review-error-score-out-of-range = Dê a nota como um número inteiro de 1 a 10.
review-error-not-yours = Você só pode apagar as suas próprias avaliações.
review-error-no-such-review = Não existe a avaliação #{ $review } neste servidor.
review-history-author-only = Só quem escreveu a avaliação pode ver as versões anteriores dela.
review-answer-yes-or-no = Responda sim ou não.
reviews-title-of = Avaliações sobre { $name }
reviews-title-yours = Suas avaliações
reviews-this-member = este membro
reviews-title-by = Avaliações de { $name }
reviews-none = Nenhuma avaliação ainda.
reviews-footer = Página { $page } de { $pages } · { $total ->
    [0] { $total } avaliações
    [one] uma avaliação
   *[other] { $total } avaliações
}
reviews-delete-button = Apagar #{ $review }
reviews-deleted = Avaliação #{ $review } apagada.
review-updated = Sua avaliação foi atualizada; a versão anterior fica guardada no histórico.
review-saved = Sua avaliação foi salva.
review-earlier-versions = Versões anteriores
review-delete = Apagar
review-field-score = Nota
review-field-review = Avaliação
review-footer = Escrita em { $date }
review-footer-edited = Escrita em { $date } · { $edits ->
    [0] editada { $edits } vezes
    [one] editada uma vez
   *[other] editada { $edits } vezes
}
review-summary = **{ $mean }**/10 de { $voices ->
    [0] { $voices } avaliações
    [one] uma avaliação
   *[other] { $voices } avaliações
} · mediana { $median } · variação ±{ $spread }
review-none-here = Ainda não há avaliações neste servidor. Seja a primeira pessoa a avaliar!
review-summary-everywhere = Todos os servidores: **{ $mean }**/10 de { $voices ->
    [0] { $voices } avaliações
    [one] uma avaliação
   *[other] { $voices } avaliações
}
review-field-community-score = Nota da comunidade
review-track-score = **{ $mean }** · { $track } ({ $voices ->
    [0] { $voices } avaliações
    [one] uma avaliação
   *[other] { $voices } avaliações
})
review-field-track-scores = Notas por música
review-field-top-reviews = Avaliações em destaque
review-button = Avaliar
review-deleted = Sua avaliação de { $subject } foi apagada.
review-history-title = Versões anteriores · { $subject }
review-history-none = Nenhuma versão anterior.
review-form-title-prefix = Avaliação:
review-form-score = Nota (1–10)
review-form-text = O que você achou? (opcional)
review-form-spoiler = Tem spoiler? (sim / não)
review-form-no = não
    .also = nao, n, no, false, x
review-form-yes = sim
    .also = s, yes, y, true, o
moderate-removed = Removi a avaliação #{ $review } de { $member } sobre { $subject } ({ $score }/10). A remoção fica registrada.
export-reviews = As avaliações deste servidor, das mais antigas para as mais recentes.
