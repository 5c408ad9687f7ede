# Papan peringkat (src/bot/commands/leaderboard.rs).

leaderboard-bad-year = Masukkan tahun antara 1950 sampai 2100.
leaderboard-bad-min-voices = Masukkan angka antara 1 sampai 1000.
leaderboard-line = **{ $rank }.** { $label } — **{ $score }** (rata-rata { $mean } · { $voices ->
   *[other] { $voices } suara
})
leaderboard-empty = Belum ada yang cocok: yuk, ulas sesuatu dengan /review!
leaderboard-empty-min-voices = Belum ada judul dengan { $voices } suara atau lebih: turunkan min-suara untuk melihat peringkatnya.
leaderboard-empty-genre = Tidak ada judul yang sudah diulas dengan genre “{ $genre }”: coba genre lain, atau tanpa genre.
leaderboard-empty-year = Tidak ada judul yang sudah diulas dari tahun { $year }: coba tahun lain, atau tanpa tahun.
leaderboard-empty-period = Tidak ada ulasan di periode ini: coba periode “sepanjang masa”.
leaderboard-empty-filters = Tiap filter sendiri-sendiri ada hasilnya, tapi kalau digabung tidak ada: hapus salah satunya.
leaderboard-title-dramas = Drama teratas
leaderboard-title-tracks = Lagu teratas
leaderboard-filter-all-servers = semua server
leaderboard-filter-all-time = sepanjang masa
leaderboard-filter-this-year = tahun ini
leaderboard-filter-last-30-days = 30 hari terakhir
leaderboard-filter-min-voices = { $voices ->
   *[other] minimal { $voices } suara
}
leaderboard-footer = Diurutkan menurut skor; judul yang ulasannya sedikit ditarik ke rata-rata semua judul (seolah-olah masing-masing punya { $m } ulasan rata-rata tambahan). Rumusnya ada di /help. · Halaman { $page } dari { $pages }
