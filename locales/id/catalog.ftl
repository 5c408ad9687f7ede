# Perintah katalog untuk moderator (src/bot/commands/catalog.rs).

catalog-link-needs-https = Link harus diawali dengan https://.
catalog-attach-file = Lampirkan file CSV atau JSON, ya.
catalog-download-failed = Aku tidak bisa mengunduh file-nya. Coba lagi, ya.
catalog-bad-entry = Entri itu tidak bisa disimpan: { $problem }.
catalog-drama-added = **{ $title }** sudah ditambahkan ke katalog server ini.
catalog-track-added = **{ $title }** ({ $drama }) sudah ditambahkan ke katalog server ini.
catalog-removed = **{ $label }** sudah dihapus dari katalog server ini.
