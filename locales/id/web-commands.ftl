# /config web dan /privacy web-name (src/bot/commands/config.rs, privacy.rs).

cmd-config-web = web
    .description = Terbitkan skor dan klub dengar server ini sebagai halaman web, atau turunkan
cmd-config-web-state = status
    .description = aktifkan: terbitkan dan dapatkan tautan · nonaktifkan: turunkan halaman
cmd-choice-on = aktifkan
cmd-choice-off = nonaktifkan
cmd-privacy = privasi
    .description = Apa yang ditampilkan halaman publik server ini tentang kamu
cmd-privacy-web-name = nama-web
    .description = Tampilkan namamu di ulasanmu pada halaman publik server, atau "seorang anggota"
cmd-privacy-state = status
    .description = aktifkan: tampilkan namaku · nonaktifkan: "seorang anggota"
config-web-on = Halaman server ini sekarang publik: { $url }
    Siapa pun yang punya tautannya bisa membaca skor, ulasan, dan klub dengar. Penulis ulasan tampil sebagai "seorang anggota" kecuali mereka memilih lain dengan /privacy web-name. Turunkan halaman dengan /config web off.
config-web-on-no-base = Halaman server ini publik di { $path } pada alamat web bot (operatornya belum mengatur WEB_BASE_URL, jadi bot tidak bisa memberi tautan lengkap).
config-web-off = Halaman server ini tidak lagi publik: tautan lama sekarang menjawab "tidak ditemukan". Jika diaktifkan lagi, halamannya mendapat tautan baru.
config-web-already-off = Halaman server ini tidak publik, jadi tidak ada yang perlu diturunkan.
config-web-choose = Pilih aktifkan atau nonaktifkan.
config-field-web = Halaman publik
config-web-field-off = nonaktif (/config web on menerbitkannya)
privacy-web-name-on = Ulasanmu di halaman publik server ini sekarang menampilkan namamu seperti tertulis di tiap ulasan.
privacy-web-name-off = Ulasanmu di halaman publik server ini kembali tampil sebagai "seorang anggota".
