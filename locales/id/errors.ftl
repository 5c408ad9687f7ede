# Galat yang bisa dilihat anggota (crates/core/src/error.rs).

error-empty-query = Ketik sesuatu untuk dicari: judul, judul Korea, atau nama artis.
error-no-match-track = Tidak ada lagu yang cocok dengan **{ $query }**.
error-no-match-drama = Tidak ada drama yang cocok dengan **{ $query }**.
error-did-you-mean = Mungkin maksudmu:
error-entry-gone = Entri itu sudah tidak ada. Coba cari lagi?
error-too-long = `{ $field }` terlalu panjang: maksimal { $max } karakter.
error-needs-manage-server = Hanya moderator (izin Kelola Server) yang bisa melakukannya.
error-guild-only = Perintah ini hanya bisa dipakai di dalam server.
error-malformed = Discord mengirim sesuatu yang tidak bisa kubaca. Coba lagi, ya.
error-internal = Ada yang salah di pihakku; tidak ada yang berubah. Coba lagi, ya.
error-unsupported-interaction = Jenis interaksi ini tidak didukung.
