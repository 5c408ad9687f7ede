# Kartu katalog, pemilih, dan alias (src/bot/commands/drama.rs, track.rs, catalog.rs, lookup.rs).

catalog-drama-part = Part { $part }
catalog-drama-other-tracks = Lagu lainnya
catalog-page = Halaman { $page } dari { $pages }
catalog-this-server = server ini
catalog-exact-picker = Ada { $n } lagu berjudul **{ $query }**. Pilih salah satu:
catalog-artist-tracks = Lagu-lagu { $artist }
catalog-artist-track-count = { $n } lagu di katalog
catalog-alias-empty = Aliasnya kosong: ketik nama lainnya.
catalog-alias-too-long = Aliasnya terlalu panjang: paling banyak { $max } karakter.
catalog-alias-shadows-artist = **{ $alias }** sudah menjadi nama { $other }, jadi tidak bisa dipakai untuk penyanyi lain.
catalog-alias-exists = Server ini sudah punya alias **{ $alias }**.
catalog-alias-no-artist = Tidak ada penyanyi bernama **{ $name }** di katalog.
catalog-alias-gone = Alias itu sudah tidak ada.
catalog-alias-added = **{ $alias }** ditambahkan sebagai nama lain untuk { $target }. Anggota server ini sekarang bisa mencarinya dengan nama itu.
catalog-alias-removed = Alias **{ $alias }** dihapus.
catalog-alias-list-title = Alias server ini
catalog-alias-list-empty = Server ini belum punya alias. Tambahkan dengan `/catalog alias add`.
