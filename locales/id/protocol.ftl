# Protocol messages: custom ids, components (src/bot/custom_id.rs).

protocol-stale-component = Tombol atau formulir ini sudah kedaluwarsa, jadi tidak ada yang diubah. Jalankan perintahnya lagi untuk mendapatkan yang baru.
