# Comandos del catálogo para moderadores (src/bot/commands/catalog.rs).

catalog-link-needs-https = El enlace tiene que empezar con https://.
catalog-attach-file = Adjunta un archivo CSV o JSON.
catalog-download-failed = No pude descargar el archivo. Inténtalo de nuevo.
catalog-bad-entry = No se puede guardar esa entrada: { $problem }.
catalog-drama-added = Agregué **{ $title }** al catálogo de este servidor.
catalog-track-added = Agregué **{ $title }** ({ $drama }) al catálogo de este servidor.
catalog-removed = Quité **{ $label }** del catálogo de este servidor.
