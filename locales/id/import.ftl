# Impor katalog (/catalog import, `ostbot import`): laporannya dan setiap baris yang bermasalah.

import-done = Impor selesai: { $new } baru, { $updated } diperbarui, { $unchanged } tidak berubah.
import-merged = { $merged } salinan lokal server digabungkan ke entri global, beserta ulasan dan riwayat polingnya.
import-dry-run = Uji coba, tidak ada yang disimpan: { $new } baru, { $updated } akan berubah, { $unchanged } tidak berubah.
import-refused = { $rows ->
   *[other] Tidak ada yang diimpor: { $rows } baris bermasalah.
}
import-row = • baris { $line }: { $problem }
import-more-rows = { $rows ->
   *[other] …dan { $rows } lagi.
}
import-error-not-utf8 = File-nya bukan teks UTF-8. Simpan sebagai UTF-8 (CSV atau JSON), lalu coba lagi.
import-error-no-header = Baris pertama harus berupa header CSV.
import-error-unknown-columns = Header harus menyebutkan nama kolom: `title,…` untuk drama, atau `drama_id,title,…` untuk lagu.
import-error-bad-json = Format JSON-nya rusak di sekitar baris { $line }. Seharusnya {"{"}"dramas": [...], "tracks": [...]{"}"}.
import-row-bad-csv = baris ini bukan CSV yang valid (jumlah kolom salah atau tanda kutip rusak)
import-row-wrong-kind = ada nilai dengan tipe yang salah
import-row-wrong-kind-in-column = kolom { $column } berisi nilai dengan tipe yang salah
import-row-unreadable = baris ini tidak bisa dibaca
import-row-bad-json-drama = drama { $index } punya kolom dengan tipe yang salah
import-row-bad-json-track = lagu { $index } punya kolom dengan tipe yang salah
import-row-drama-no-title = drama ini tidak punya judul
import-row-track-no-title = lagu ini tidak punya judul
import-row-title-too-long = judulnya lebih dari { $max } karakter
import-row-year = year harus antara 1950 dan 2100, tapi isinya { $got }
import-row-episodes = episodes harus antara 1 dan 2000, tapi isinya { $got }
import-row-rating = mdl_rating harus antara 0 dan 10, tapi isinya { $got }
import-row-bad-id = id hanya boleh berisi huruf, angka, dan tanda hubung (maksimal 120), tapi isinya “{ $got }”
import-row-no-drama-named = lagu ini tidak menyebutkan dramanya (drama_id atau drama_title_ko)
import-row-bad-link = links harus berupa URL http(s) maksimal 512 karakter, tapi isinya “{ $got }”
import-row-ost-part = ost_part harus antara 0 dan 100, tapi isinya { $got }
import-row-verified = verified harus yes atau no, tapi isinya “{ $got }”
import-row-unknown-drama = tidak ada drama “{ $drama }” di katalog
import-row-no-track-id = baris ini tidak menyebutkan track_id
import-row-unknown-track = tidak ada lagu “{ $track }” di katalog bersama
import-row-track-listed-twice = kredit lagu “{ $track }” sudah ada di baris { $line }
import-row-empty-artist = ada nama penyanyi yang kosong
import-row-artist-listed-twice = “{ $artist }” dikreditkan dua kali
import-row-unknown-artist = tidak ada penyanyi “{ $artist }” di katalog
import-row-alias-kind = kind harus artist atau track, tapi isinya “{ $got }”
import-row-bad-guild = local_in harus berisi ID server, tapi isinya “{ $got }”
import-row-alias-listed-twice = alias yang sama sudah ada di baris { $line }
