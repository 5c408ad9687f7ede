# Usulan anggota dan antrean moderator (src/bot/commands/suggest.rs).

cmd-suggest = usul
    .description = Usulkan lagu untuk katalog server ini, atau lihat usulanmu
cmd-suggest-track = lagu
    .description = Usulkan lagu yang belum ada di katalog; moderator yang memutuskan
cmd-suggest-drama = drama
    .description = Dramanya (pilih satu, atau ketik judul drama yang belum ada di katalog)
cmd-suggest-title = judul
    .description = Judul lagu
cmd-suggest-singers = penyanyi
    .description = Siapa yang menyanyikan (beberapa: pisahkan dengan koma)
cmd-suggest-part = part
    .description = Nomor part OST
cmd-suggest-link = tautan
    .description = Tautan untuk mendengarkan (https://)
cmd-suggest-dm = kabari
    .description = Kabari aku lewat pesan langsung saat moderator memutuskan
cmd-suggest-mine = punyaku
    .description = Usulanmu di server ini dan hasilnya
cmd-catalog-queue = antrean
    .description = Usulan anggota yang menunggu: setujui, ubah, atau tolak
cmd-config-catalog-channel = kanal-katalog
    .description = Tempat usulan baru anggota dikirim untuk moderator
cmd-config-catalog-channel-channel = kanal
    .description = Kanal untuk usulan baru
help-suggest = usulkan lagu untuk katalog server; moderator menyetujuinya dari /catalog queue
suggest-new-drama-choice = Drama baru: { $title }
suggest-exists = Katalog sudah punya lagu ini:
suggest-stored = Terima kasih! Usulan #{ $id }, **{ $title }** ({ $drama }), menunggu moderator. Usulanmu yang menunggu: { $open } dari { $max }.
suggest-mine-empty = Kamu belum mengusulkan apa pun di server ini. Coba /suggest track.
suggest-mine-title = Usulanmu
suggest-state-open = menunggu
suggest-state-approved = disetujui
suggest-state-rejected = ditolak
suggest-new-drama = { $title } (drama baru)
suggest-embed-title = Usulan #{ $id }: { $title }
suggest-field-drama = Drama
suggest-field-title = Judul
suggest-field-singers = Penyanyi
suggest-field-part = Part OST
suggest-field-link = Tautan
suggest-field-by = Diusulkan oleh
suggest-field-decision = Keputusan
suggest-decided = { $state ->
    [approved] Disetujui
   *[rejected] Ditolak
} oleh { $name }, { $date }
suggest-approve = Setujui
suggest-edit = Ubah
suggest-reject = Tolak
suggest-queue-empty = Tidak ada usulan yang menunggu. Anggota mengusulkan lagu dengan /suggest track.
suggest-queue-footer = Usulan menunggu { $page } dari { $pages }
suggest-approved = Disetujui: **{ $title }** sekarang ada di katalog server ini ({ $drama }).
suggest-rejected = Ditolak: **{ $title }**.
suggest-edited = Usulan #{ $id } sudah diubah; masih menunggu keputusan.
suggest-reject-reason = Alasan (opsional; anggota akan melihatnya)
suggest-reject-form = Tolak usulan #{ $id }
suggest-edit-form = Ubah usulan #{ $id }
suggest-bad-part = Part OST adalah angka dari 0 sampai 100.
suggest-dm-approved = Usulanmu **{ $title }** disetujui: sekarang ada di katalog server.
suggest-dm-rejected = Usulanmu **{ $title }** ditolak.
suggest-dm-rejected-because = Usulanmu **{ $title }** ditolak: { $reason }
config-catalog-channel-set = Usulan baru anggota akan dikirim ke { $channel }.
suggest-error-no-drama = Pilih drama dari daftar, atau ketik judul drama yang belum ada di katalog.
suggest-error-too-many-open = Kamu sudah punya { $open } usulan yang menunggu. Usulkan lagi setelah moderator memutuskan sebagian.
suggest-error-paused = { $times } usulan terakhirmu ditolak berturut-turut, jadi kamu bisa mengusulkan lagi { $until }.
suggest-error-already-suggested = Lagu ini sudah diusulkan (#{ $id }) dan menunggu moderator.
suggest-error-no-such = Server ini tidak punya usulan #{ $id }.
suggest-error-decided = Usulan ini sudah diputuskan: { $state ->
    [approved] disetujui
   *[rejected] ditolak
} oleh { $name }, { $date }.

# `ostbot suggestions export` (operators).
suggestions-exported = { $tracks } lagu dan { $dramas } drama ditulis ke { $file }. Impor dengan: ostbot import { $file }
suggestions-exported-with-dramas = { $tracks } lagu ditulis ke { $file } dan { $dramas } drama ke { $dramas_file }. Impor dramanya dulu: ostbot import { $dramas_file }, lalu ostbot import { $file }
config-field-catalog-channel = Kanal usulan
config-catalog-channel-unset = belum diatur: usulan dikirim ke kanal ulasan
