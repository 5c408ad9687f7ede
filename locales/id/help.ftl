# /help (src/bot/commands/help.rs). Nama perintah diambil dari definisi perintah.

help-title = ostbot — OST K-drama, bareng-bareng
help-intro = Cari soundtrack K-drama pakai judul bahasa Inggris, Korea, atau romanisasi.
help-track = cari lagu OST: judul, judul Korea, romanisasi, artis — salah ketik juga tidak apa-apa
help-drama = drama beserta daftar lagu OST-nya
help-catalog = moderator: tambah drama dan lagu milik server ini, impor file CSV/JSON atau OST lengkap dari MusicBrainz (/catalog fetch), atau hapus
help-review = beri skor 1 sampai 10 untuk OST sebuah drama atau satu lagunya, bisa ditambah teks (atau tekan Ulas di kartu)
help-reviews = baca ulasan di server ini untuk drama atau lagu, atau dari seorang anggota
help-leaderboard = drama atau lagu teratas menurut skor komunitas. Skornya rata-rata berbobot, (v·R + m·C) / (v + m): R adalah rata-rata judul itu, v jumlah ulasannya, C rata-rata semua judul, dan m minimal suara server (5 kalau tidak diubah), jadi judul yang ulasannya sedikit tetap dekat dengan rata-rata keseluruhan
help-profile = ulasan, skor rata-rata, dan favorit seorang anggota
help-forget-me = hapus semua ulasanmu di semua server
help-privacy = pilih apakah halaman publik server menampilkan namamu di ulasanmu, atau "seorang anggota"
help-moderate = moderator: hapus ulasan (dicatat)
help-export = moderator: unduh ulasan server ini sebagai CSV
help-poll = polling dengar bareng: buat (lagu atau teks bebas), pilih lewat tombol, tutup, hasil, daftar
help-nominate = usulkan lagu untuk polling dengar mingguan (3 lagu seminggu)
help-config = moderator: bahasa server, feed ulasan, role polling dan ping, sesi dengar mingguan
help-help = pesan ini
