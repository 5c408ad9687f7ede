# Errores que ve un miembro (crates/core/src/error.rs).

error-empty-query = Escribe algo para buscar: un título, un título en coreano o un artista.
error-no-match-track = Ninguna canción coincide con **{ $query }**.
error-no-match-drama = Ningún drama coincide con **{ $query }**.
error-did-you-mean = ¿Quisiste decir…?
error-entry-gone = Esa entrada ya no existe. ¿Quieres buscar de nuevo?
error-too-long = `{ $field }` es demasiado largo: máximo { $max } caracteres.
error-needs-manage-server = Solo los moderadores (permiso Administrar servidor) pueden hacer eso.
error-guild-only = Este comando funciona dentro de un servidor.
error-malformed = Discord envió algo que no pude leer. Inténtalo de nuevo.
error-internal = Algo salió mal de mi lado; no se cambió nada. Inténtalo de nuevo.
error-unsupported-interaction = Este tipo de interacción no es compatible.
