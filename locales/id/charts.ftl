# Grafik (src/bot/charts.rs dan pemanggilnya) serta perbaikan kecil dari tim grafik.

chart-score-title = Skor { $title }
chart-score-mean = Rata-rata { $mean }
chart-score-median = Median { $median }
chart-score-axis-score = skor
chart-score-axis-voices = penilaian
chart-poll-winner = pemenang
chart-poll-tied = seri di posisi pertama
chart-poll-axis-votes = suara

# /leaderboard kosong: filter mana yang menyaringnya habis, dan apa yang bisa diubah.
leaderboard-empty-no-reviews = Belum ada { $kind ->
        [drama] drama
       *[track] lagu
    } yang diulas: ulas satu dengan /review!
leaderboard-empty-period = Tidak ada { $kind ->
        [drama] drama
       *[track] lagu
    } yang diulas pada periode ini. Coba `period: all time`, atau ulas sesuatu dengan /review!
leaderboard-empty-genre = Tidak ada { $kind ->
        [drama] drama
       *[track] lagu dari drama
    } bergenre **{ $genre }** yang sudah diulas. Periksa ejaannya, coba genre lain, atau hapus `genre`.
leaderboard-empty-year = Tidak ada { $kind ->
        [drama] drama
       *[track] lagu dari drama
    } tayangan **{ $year }** yang sudah diulas. Coba tahun lain, atau hapus `year`.
leaderboard-empty-min-voices = Belum ada { $kind ->
        [drama] drama
       *[track] lagu
    } dengan { $min } penilaian atau lebih. Turunkan `min-voices`, atau hapus saja.
leaderboard-empty-together = Setiap filter ini menemukan sesuatu jika dipakai sendiri, tetapi bersama-sama tidak menyisakan apa pun. Hapus salah satunya.

# /config weekly dengan singkatan zona waktu.
timezone-abbreviation = { $abbreviation } disimpan sebagai zona waktu { $zone }.
timezone-ambiguous = { $abbreviation } bisa berarti lebih dari satu zona waktu ({ $zones }). Tidak ada yang diubah: jalankan perintahnya lagi dengan salah satu nama tersebut.
