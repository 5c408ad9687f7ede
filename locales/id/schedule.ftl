# Jadwal (crates/core/src/schedule.rs): hari, jam, dan zona waktu sesi mingguan.

schedule-error-unknown-time-zone = Zona waktu “{ $zone }” tidak kukenal. Pakai nama IANA seperti Asia/Jakarta atau Asia/Seoul.
schedule-error-bad-time = Tulis jamnya dalam format HH:MM, misalnya 20:00.
schedule-error-bad-day = Pilih salah satu hari.
