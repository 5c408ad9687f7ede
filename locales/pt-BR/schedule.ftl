# Agendamentos (crates/core/src/schedule.rs): o dia, o horário e o fuso horário da escuta coletiva semanal.

schedule-error-unknown-time-zone = Não conheço o fuso horário “{ $zone }”. Use um nome IANA como America/Sao_Paulo ou Asia/Seoul.
schedule-error-bad-time = Escreva o horário como HH:MM, ex.: 20:00.
schedule-error-bad-day = Escolha um dia da semana.
