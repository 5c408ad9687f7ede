# Comandos de catálogo para moderadores (src/bot/commands/catalog.rs).

catalog-link-needs-https = El enlace tiene que empezar por https://.
catalog-attach-file = Adjunta un archivo CSV o JSON.
catalog-download-failed = No he podido descargar el archivo. Vuelve a intentarlo.
catalog-bad-entry = No se puede guardar esa entrada: { $problem }.
catalog-drama-added = He añadido **{ $title }** al catálogo de este servidor.
catalog-track-added = He añadido **{ $title }** ({ $drama }) al catálogo de este servidor.
catalog-removed = He quitado **{ $label }** del catálogo de este servidor.
