# Profil dan /forget-me (src/bot/commands/profile.rs).

profile-title = Ulasan { $name }
profile-reviews-written = Ulasan ditulis
profile-mean-given = Rata-rata skor yang diberikan
profile-favourites = Drama favorit
profile-latest = Ulasan terbaru
forget-confirm-button = Hapus semuanya
forget-cancel-button = Batal
forget-cancelled = Tidak ada yang dihapus.
