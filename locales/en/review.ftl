# Reviews (crates/core/src/reviews, src/bot/commands/review.rs).

review-error-score-out-of-range = Give the score as a whole number from 1 to 10.
review-error-not-yours = You can only delete your own reviews.
review-error-no-such-review = There is no review #{ $review } in this server.
review-history-author-only = Only its author can see a review's earlier versions.
review-answer-yes-or-no = Answer yes or no.
reviews-title-of = Reviews of { $name }
reviews-title-yours = Your reviews
reviews-this-member = this member
reviews-title-by = Reviews by { $name }
reviews-none = No reviews yet.
reviews-footer = Page { $page } of { $pages } · { $total ->
    [one] one review
   *[other] { $total } reviews
}
reviews-delete-button = Delete #{ $review }
reviews-deleted = Review #{ $review } deleted.
review-updated = Your review is updated; the earlier version is kept in its history.
review-saved = Your review is saved.
review-earlier-versions = Earlier versions
review-delete = Delete
review-field-score = Score
review-field-review = Review
review-footer = Written { $date }
review-footer-edited = Written { $date } · { $edits ->
    [one] edited once
   *[other] edited { $edits } times
}
review-summary = **{ $mean }**/10 from { $voices ->
    [one] one voice
   *[other] { $voices } voices
} · median { $median } · spread ±{ $spread }
review-none-here = No reviews in this server yet. Be the first!
review-summary-everywhere = All servers: **{ $mean }**/10 from { $voices ->
    [one] one voice
   *[other] { $voices } voices
}
review-field-community-score = Community score
review-track-score = **{ $mean }** · { $track } ({ $voices ->
    [one] one voice
   *[other] { $voices } voices
})
review-field-track-scores = Track scores
review-field-top-reviews = Top reviews
review-button = Review
review-deleted = Your review of { $subject } is deleted.
review-history-title = Earlier versions · { $subject }
review-history-none = No earlier versions.
review-form-title-prefix = Review:
review-form-score = Score (1–10)
review-form-text = Your review (optional)
review-form-spoiler = Spoiler? (yes / no)
review-form-no = no
    .also = n, false, x
review-form-yes = yes
    .also = y, true, o
moderate-removed = Removed review #{ $review } by { $member } of { $subject } ({ $score }/10). The removal is recorded.
export-reviews = This server's reviews, oldest first.
