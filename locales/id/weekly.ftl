# Postingan sesi dengar mingguan di channel (src/bot/scheduler.rs), dalam bahasa server.

weekly-question = Lagu apa yang mau kita dengarkan minggu ini?
weekly-winner-title = 🎧 Lagu minggu ini: { $track }
weekly-no-winner-title = 🎧 Tidak ada lagu minggu ini
weekly-tie-settled = **{ $track }** paling banyak diusulkan, jadi itu lagu minggu ini.
weekly-review-button = Ulas lagu ini
nominate-done = **{ $track }** sudah diusulkan untuk polling yang dibuka { $opens }. { $left ->
    [0] Itu usulan terakhirmu minggu ini.
   *[other] Kamu masih bisa mengusulkan { $left } lagu lagi minggu ini.
}
