# Ulasan (crates/core/src/reviews, src/bot/commands/review.rs).

review-error-score-out-of-range = Skornya harus bilangan bulat dari 1 sampai 10.
review-error-not-yours = Kamu hanya bisa menghapus ulasanmu sendiri.
review-error-no-such-review = Tidak ada ulasan #{ $review } di server ini.
review-history-author-only = Hanya penulisnya yang bisa melihat versi sebelumnya dari ulasan ini.
review-answer-yes-or-no = Jawab ya atau tidak.
reviews-title-of = Ulasan untuk { $name }
reviews-title-yours = Ulasanmu
reviews-this-member = anggota ini
reviews-title-by = Ulasan dari { $name }
reviews-none = Belum ada ulasan.
reviews-footer = Halaman { $page } dari { $pages } · { $total ->
   *[other] { $total } ulasan
}
reviews-delete-button = Hapus #{ $review }
reviews-deleted = Ulasan #{ $review } sudah dihapus.
review-updated = Ulasanmu sudah diperbarui; versi sebelumnya tetap tersimpan di riwayat.
review-saved = Ulasanmu sudah disimpan.
review-earlier-versions = Versi sebelumnya
review-delete = Hapus
review-field-score = Skor
review-field-review = Ulasan
review-footer = Ditulis { $date }
review-footer-edited = Ditulis { $date } · { $edits ->
   *[other] diedit { $edits } kali
}
review-summary = **{ $mean }**/10 dari { $voices ->
   *[other] { $voices } suara
} · median { $median } · sebaran ±{ $spread }
review-none-here = Belum ada ulasan di server ini. Jadilah yang pertama!
review-summary-everywhere = Semua server: **{ $mean }**/10 dari { $voices ->
   *[other] { $voices } suara
}
review-field-community-score = Skor komunitas
review-track-score = **{ $mean }** · { $track } ({ $voices ->
   *[other] { $voices } suara
})
review-field-track-scores = Skor per lagu
review-field-top-reviews = Ulasan teratas
review-button = Ulas
review-deleted = Ulasanmu untuk { $subject } sudah dihapus.
review-history-title = Versi sebelumnya · { $subject }
review-history-none = Tidak ada versi sebelumnya.
review-form-title-prefix = Ulasan:
review-form-score = Skor (1–10)
review-form-text = Ulasanmu (opsional)
review-form-spoiler = Spoiler? (ya / tidak)
review-form-no = tidak
    .also = t, tdk, gak, nggak, enggak, n, no, false, x
review-form-yes = ya
    .also = y, iya, yes, true, o
moderate-removed = Ulasan #{ $review } dari { $member } untuk { $subject } ({ $score }/10) sudah dihapus. Penghapusan ini dicatat.
export-reviews = Ulasan di server ini, dari yang paling lama.
