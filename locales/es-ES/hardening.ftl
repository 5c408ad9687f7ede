# Hardening (issue 15): replays, duplicates, bounded input.

hardening-already-handled = Esto ya se había procesado, así que no se ha vuelto a hacer nada.
hardening-poll-too-many-options = Una encuesta nueva admite como máximo { $max } opciones, así que no se ha creado nada. Empieza con { $max } y añade el resto con `/poll add` (hasta { $most } en total).
hardening-channel-other-server = Ese canal es de otro servidor. Elige un canal de este servidor.
hardening-poll-closed-results-later = La encuesta #{ $poll } está cerrada. No he podido publicar los resultados ahora; aparecerán en breve en el canal de la encuesta.
