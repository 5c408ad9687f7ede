# Perintah katalog untuk moderator (src/bot/commands/catalog.rs).

catalog-link-needs-https = Link harus diawali dengan https://.
catalog-attach-file = Lampirkan file CSV atau JSON, ya.
catalog-download-failed = Aku tidak bisa mengunduh file-nya. Coba lagi, ya.
catalog-shared-entry = Entri itu bagian dari katalog bersama; yang bisa dihapus hanya entri yang ditambahkan server ini.
catalog-drama-added = **{ $title }** sudah ditambahkan ke katalog server ini.
catalog-track-added = **{ $title }** ({ $drama }) sudah ditambahkan ke katalog server ini.
catalog-removed = **{ $label }** sudah dihapus dari katalog server ini.
