# Pengaturan server (src/bot/commands/config.rs).

config-bad-candidates = Pilih antara 2 sampai 10 lagu.
config-choose-subcommand = Pilih lihat, bahasa, feed-ulasan, role-polling, role-ping, mingguan, atau reset.
config-language-name = bahasa
config-language-description = Bahasa postingan bot di channel server (polling mingguan, hasil, feed ulasan)
config-language-option = Bahasa yang dipakai
config-language-unknown = Pilih salah satu bahasa yang ada di daftar.
config-language-set = Postingan channel di server ini sekarang pakai { $language }.
config-review-feed-set = Ulasan baru akan diposting di { $channel }.
config-poll-role-set = Anggota dengan role { $role } sekarang bisa membuat polling.
config-poll-role-cleared = Sekarang hanya moderator yang bisa membuat polling.
config-ping-role-set = { $role } akan di-ping saat polling mingguan dibuka.
config-ping-role-cleared = Tidak ada yang di-ping saat polling mingguan dibuka.
config-weekly-set = Sesi dengar mingguan berjalan setiap { $day } pukul { $time } ({ $timezone }) di { $channel }, dengan { $candidates } kandidat. Berikutnya: { $next }.
config-reset-done = Semua pengaturan kembali ke default: sesi mingguan dimatikan dan halaman publik diturunkan. Polling yang masih berjalan tetap ditutup sesuai jadwal.
config-not-set = belum diatur
config-title = Pengaturan ostbot
config-field-language = Bahasa postingan channel
config-field-review-feed = Feed ulasan
config-field-poll-role = Role polling
config-field-ping-role = Role ping
config-weekly-off = nonaktif
config-weekly-summary = setiap { $day } pukul { $time } ({ $timezone }) di { $channel }, { $candidates } kandidat
config-field-weekly = Sesi mingguan
config-field-problem = ⚠️ Masalah
config-problem = Postingan terakhir gagal: { $problem }. Perbaiki izin channel-nya atau pilih channel lain.
weekday = { $day ->
    [0] Senin
    [1] Selasa
    [2] Rabu
    [3] Kamis
    [4] Jumat
    [5] Sabtu
   *[6] Minggu
}
