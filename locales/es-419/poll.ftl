# Encuestas (crates/core/src/polls, src/bot/commands/poll.rs, src/bot/poll_view.rs).

poll-error-empty-question = La pregunta no puede estar vacía.
poll-error-too-few-options = Una encuesta necesita al menos { $min } opciones.
poll-error-too-many-options = Una encuesta puede tener como máximo { $max } opciones.
poll-error-empty-option = Una opción no puede estar vacía.
poll-error-listed-twice = “{ $option }” aparece dos veces.
poll-error-already-an-option = “{ $option }” ya es una opción.
poll-error-bad-duration = Escribe la duración así: 3d, 12h, 90m o 1d12h.
poll-error-duration-too-short = Una encuesta tiene que durar al menos un minuto.
poll-error-duration-too-long = Una encuesta puede durar como máximo { $days } días.
poll-error-options-locked = Solo se pueden agregar opciones a una encuesta abierta, antes de su primer voto.
poll-error-no-such-poll = No existe la encuesta #{ $poll }.
poll-error-not-an-option = Esa no es una opción de esta encuesta.
poll-error-closed = La encuesta #{ $poll } está cerrada.
poll-error-no-weekly-cycle = Este servidor todavía no tiene un ciclo semanal de escucha (moderadores: /config weekly).
poll-error-already-nominated = Ya nominaste esa canción esta semana.
poll-error-too-many-nominations = Puedes nominar { $max } canciones por semana.
poll-choose-subcommand = Elige crear, agregar, cerrar, resultados o lista.
poll-create-needs-role = Solo los moderadores y los miembros con el rol de encuestas pueden crear encuestas.
poll-creator-only = Solo quien creó la encuesta o un moderador puede hacer eso.
poll-give-number = Indica el número de la encuesta.
poll-already-closed = La encuesta #{ $poll } ya está cerrada.
poll-number = Encuesta #{ $poll }
poll-mode-multi = opción múltiple
poll-mode-anonymous = anónima
poll-mode-hidden = resultados ocultos hasta el cierre
poll-voters = 👥 { $voters ->
    [one] votó un miembro
   *[other] votaron { $voters } miembros
}
poll-results-hidden = 🙈 Los resultados están ocultos hasta que cierre la encuesta
poll-closes = ⏰ Cierra { $when }
poll-closed = 🔒 Cerrada
poll-choose-several = Elige una o más
poll-choose-one = Elige una
poll-no-votes = Nadie votó.
poll-winner = 🏆 Ganadora: { $option }
poll-tie = 🤝 Hay empate entre { $options }
poll-results-title = 📊 Resultados: { $question }
poll-created = ¡La encuesta #{ $poll } ya está abierta! Cierra { $closes }.
poll-option-added = Agregué la opción { $n } a la encuesta #{ $poll }: **{ $option }**.
poll-closed-now = Cerré la encuesta #{ $poll }; ya están publicados los resultados.
poll-results-hidden-until = Los resultados de la encuesta #{ $poll } están ocultos hasta que cierre { $closes }.
poll-still-open = La encuesta #{ $poll } sigue abierta; cierra { $closes }.
poll-list-empty = Todavía no hay encuestas en este servidor. Crea una con /poll create.
poll-list-title = Encuestas de este servidor
poll-list-open = Abiertas
poll-list-closed = Cerradas recientemente
poll-vote-withdrawn = Retiraste tu voto de la encuesta #{ $poll }.
poll-voted = Votaste por { $options }. Puedes cambiar tu voto hasta que cierre la encuesta.
