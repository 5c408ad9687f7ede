# Hardening (issue 15): replays, duplicates, bounded input.

hardening-already-handled = Isso já tinha sido processado, então nada foi feito de novo.
hardening-poll-too-many-options = Uma enquete nova aceita no máximo { $max } opções, então nada foi criado. Comece com { $max } e adicione o resto com `/poll add` (até { $most } no total).
hardening-channel-other-server = Esse canal é de outro servidor. Escolha um canal deste servidor.
hardening-poll-closed-results-later = A enquete #{ $poll } está encerrada. Não consegui publicar os resultados agora; eles vão aparecer em breve no canal da enquete.
