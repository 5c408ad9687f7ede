# Horarios (crates/core/src/schedule.rs): el día, la hora y la zona horaria de la escucha semanal.

schedule-error-unknown-time-zone = No conozco la zona horaria «{ $zone }». Usa un nombre IANA como Europe/Madrid o Asia/Seoul.
schedule-error-bad-time = Escribe la hora en formato HH:MM, p. ej. 20:00.
schedule-error-bad-day = Elige un día de la semana.
