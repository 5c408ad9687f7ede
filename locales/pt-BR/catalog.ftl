# Comandos de catálogo dos moderadores (src/bot/commands/catalog.rs).

catalog-link-needs-https = O link precisa começar com https://.
catalog-attach-file = Anexe um arquivo CSV ou JSON.
catalog-download-failed = Não consegui baixar o arquivo. Tente de novo.
catalog-bad-entry = Não dá para salvar essa entrada: { $problem }.
catalog-drama-added = Adicionei **{ $title }** ao catálogo deste servidor.
catalog-track-added = Adicionei **{ $title }** ({ $drama }) ao catálogo deste servidor.
catalog-removed = Removi **{ $label }** do catálogo deste servidor.
