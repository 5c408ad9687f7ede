# Profil dan /forget-me (src/bot/commands/profile.rs).

forget-confirm-not-yours = Hanya anggota yang meminta yang bisa mengonfirmasi.
profile-title = Ulasan { $name }
profile-reviews-written = Ulasan ditulis
profile-mean-given = Rata-rata skor yang diberikan
profile-favourites = Drama favorit
profile-latest = Ulasan terbaru
forget-warning = Ini akan menghapus **semua ulasanmu di semua server** (beserta riwayatnya), dan skor komunitas akan berubah menyesuaikan. Tindakan ini tidak bisa dibatalkan.
forget-confirm-button = Hapus semuanya
forget-cancel-button = Batal
forget-cancelled = Tidak ada yang dihapus.
forget-done = Selesai: { $reviews ->
   *[other] { $reviews } ulasan
}, { $ballots ->
   *[other] { $ballots } suara polling
}, dan { $nominations ->
   *[other] { $nominations } usulan
} sudah dihapus di semua server.
