# Data anggota tetap aman: konfirmasi sebelum menghapus, entri katalog yang
# tidak pernah tertimpa, ulasan yang tetap menyimpan teksnya.

safety-cancel = Batal
safety-drama-exists = **{ $title }** sudah ada di katalog server ini, jadi tidak ada yang diubah. Untuk mengubah datanya, gunakan `/catalog edit`.
safety-track-exists = **{ $title }** ({ $drama }) sudah ada di katalog server ini, jadi tidak ada yang diubah. Untuk mengubah datanya, gunakan `/catalog edit`.
safety-shared-entry = Entri itu milik katalog bersama. Hanya entri yang ditambahkan server ini yang bisa diubah atau dihapus.
safety-nothing-to-edit = Isi setidaknya satu kolom yang ingin diubah, misalnya `title` atau `year`.
safety-not-your-confirmation = Hanya orang yang meminta yang bisa menjawab ini.
safety-confirmation-gone = Permintaan ini sudah dijawab atau kedaluwarsa. Jalankan perintahnya lagi.
safety-catalog-edited = **{ $entry }** sudah diperbarui. Kolom yang tidak kamu isi tetap sama.

safety-review-text-kept = Teks ulasanmu yang sebelumnya tetap disimpan. Untuk menghapusnya, ulas lagi dengan `text: -`.
safety-track-in-other-drama = Lagu itu bukan dari **{ $drama }**. Maksudmu **{ $track }**?
safety-review-that-track = Ulas lagu ini

safety-forget-prompt = Ini menghapus secara permanen, di semua server:
    • { $reviews } ulasan dan { $versions } versi sebelumnya
    • suaramu di { $ballots } polling
    • { $nominations } nominasi mingguan
    Skor komunitas akan ikut berubah. Tindakan ini tidak bisa dibatalkan.
safety-forget-done = Selesai. Dihapus di semua server: { $reviews } ulasan (beserta { $versions } versi sebelumnya), suaramu di { $ballots } polling, dan { $nominations } nominasi.

safety-remove-review-prompt = Hapus ulasan **#{ $id }** dari **{ $author }** untuk { $subject } ({ $score }/10)? Penghapusan ini dicatat.
safety-remove-review-confirm = Hapus ulasan
safety-remove-review-kept = Ulasan tidak dihapus.

safety-config-reset-prompt = Atur ulang semua pengaturan server ini? Kanal ulasan, kanal usulan, peran, dan siklus mingguan akan dimatikan, dan halaman publik diturunkan (jika diaktifkan lagi, halamannya mendapat tautan baru). Polling yang masih terbuka tetap ditutup sesuai jadwal.
safety-config-reset-confirm = Atur ulang semuanya
safety-config-reset-kept = Tidak ada yang diubah.

safety-remove-entry-prompt = Ada data anggota di **{ $entry }**: { $reviews } ulasan, { $options } pilihan polling, dan { $nominations } nominasi.
    Pilih **Sembunyikan** untuk mengeluarkannya dari pencarian dan menyimpan semua itu (ulasan tetap tampil di profil dan ekspor). **Hapus** menghapusnya selamanya beserta ulasannya.
safety-remove-entry-hide = Sembunyikan, simpan ulasan
safety-remove-entry-purge = Hapus beserta ulasannya
safety-remove-entry-kept = Tidak ada yang dihapus.
safety-remove-entry-hidden = Entri disembunyikan dari pencarian. Ulasan para anggota tetap disimpan.
safety-remove-entry-purged = Entri dan semua yang terkait dengannya sudah dihapus.
