# Horarios (crates/core/src/schedule.rs): el día, la hora y la zona horaria del ciclo semanal.

schedule-error-unknown-time-zone = No reconozco “{ $zone }” como zona horaria. Usa un nombre IANA como America/Mexico_City o Asia/Seoul.
schedule-error-bad-time = Escribe la hora como HH:MM, por ejemplo 20:00.
schedule-error-bad-day = Elige un día de la semana.
