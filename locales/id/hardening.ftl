# Hardening (issue 15): replays, duplicates, bounded input.

hardening-already-handled = Permintaan ini sudah diproses, jadi tidak ada yang dijalankan lagi.
hardening-poll-too-many-options = Polling baru menerima paling banyak { $max } opsi, jadi tidak ada yang dibuat. Mulai dengan { $max } opsi, lalu tambahkan sisanya dengan `/poll add` (total paling banyak { $most }).
hardening-channel-other-server = Saluran itu ada di server lain. Pilih saluran di server ini.
hardening-poll-closed-results-later = Polling #{ $poll } sudah ditutup. Hasilnya belum bisa saya kirim sekarang; sebentar lagi hasilnya muncul di saluran polling.
