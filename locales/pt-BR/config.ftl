# Configurações do servidor (src/bot/commands/config.rs).

config-bad-candidates = Escolha entre 2 e 10 músicas.
config-choose-subcommand = Escolha ver, idioma, feed-de-avaliações, cargo-enquete, cargo-aviso, semanal ou redefinir.
config-language-name = idioma
config-language-description = O idioma das postagens nos canais do servidor (enquete semanal, resultados, feed de avaliações)
config-language-option = O idioma
config-language-unknown = Escolha um dos idiomas da lista.
config-language-set = As postagens nos canais deste servidor agora estão em { $language }.
config-review-feed-set = As novas avaliações vão ser postadas em { $channel }.
config-poll-role-set = Agora os membros com { $role } podem criar enquetes.
config-poll-role-cleared = Agora só os moderadores podem criar enquetes.
config-ping-role-set = { $role } vai ser mencionado quando a enquete semanal abrir.
config-ping-role-cleared = Ninguém vai ser mencionado quando a enquete semanal abrir.
config-weekly-set = A escuta coletiva acontece toda semana, { $day } às { $time } ({ $timezone }), em { $channel }, com { $candidates } músicas candidatas. Próxima rodada: { $next }.
config-reset-done = Todas as configurações voltaram ao padrão: a escuta coletiva semanal foi desligada e as páginas públicas saíram do ar. As enquetes abertas continuam encerrando no horário.
config-not-set = não definido
config-title = Configurações do ostbot
config-field-language = Idioma das postagens nos canais
config-field-review-feed = Feed de avaliações
config-field-poll-role = Cargo de enquetes
config-field-ping-role = Cargo de aviso
config-weekly-off = desligada
config-weekly-summary = toda semana, { $day } às { $time } ({ $timezone }), em { $channel }, { $candidates } músicas candidatas
config-field-weekly = Escuta coletiva semanal
config-field-problem = ⚠️ Problema
config-problem = A última postagem falhou: { $problem }. Corrija as permissões do canal ou escolha outro canal.
weekday = { $day ->
    [0] segunda-feira
    [1] terça-feira
    [2] quarta-feira
    [3] quinta-feira
    [4] sexta-feira
    [5] sábado
   *[6] domingo
}
