# /config web e /privacy web-name (src/bot/commands/config.rs, privacy.rs).

cmd-config-web = web
    .description = Publica as notas e o clube de escuta do servidor como páginas web, ou as retira
cmd-config-web-state = estado
    .description = ativar: publicar e receber o link · desativar: retirar as páginas
cmd-choice-on = ativar
cmd-choice-off = desativar
cmd-privacy = privacidade
    .description = O que as páginas públicas deste servidor mostram de você
cmd-privacy-web-name = nome-na-web
    .description = Mostra seu nome nas suas resenhas das páginas públicas, ou "um membro"
cmd-privacy-state = estado
    .description = ativar: mostrar meu nome · desativar: "um membro"
config-web-on = As páginas deste servidor estão públicas: { $url }
    Qualquer pessoa com o link pode ler as notas, as resenhas e o clube de escuta. Quem escreve aparece como "um membro", a menos que escolha outra coisa com /privacy web-name. Retire as páginas com /config web off.
config-web-on-no-base = As páginas deste servidor estão públicas em { $path } no endereço web do bot (o operador não configurou WEB_BASE_URL, então o bot não consegue dar o link completo).
config-web-off = As páginas deste servidor não estão mais públicas: o link antigo agora responde "não encontrada". Se você ativar de novo, elas ganham um link novo.
config-web-already-off = As páginas deste servidor não estão públicas, então não havia nada para retirar.
config-web-choose = Escolha ativar ou desativar.
config-field-web = Páginas públicas
config-web-field-off = desativadas (/config web on publica)
privacy-web-name-on = Suas resenhas nas páginas públicas deste servidor agora mostram seu nome como está em cada resenha.
privacy-web-name-off = Suas resenhas nas páginas públicas deste servidor voltam a mostrar "um membro".
