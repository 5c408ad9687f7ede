# Errores que ve un miembro (crates/core/src/error.rs).

error-empty-query = Escribe algo para buscar: un título, un título en coreano o un artista.
error-no-match-track = Ninguna canción coincide con **{ $query }**.
error-no-match-drama = Ningún drama coincide con **{ $query }**.
error-did-you-mean = ¿Querías decir…?
error-entry-gone = Esa entrada ya no existe. ¿Buscas de nuevo?
error-too-long = `{ $field }` es demasiado largo: como máximo { $max } caracteres.
error-needs-manage-server = Solo los moderadores (permiso Gestionar servidor) pueden hacer eso.
error-guild-only = Este comando funciona dentro de un servidor.
error-malformed = Discord me envió algo que no he podido leer. Vuelve a intentarlo.
error-internal = Algo ha fallado por mi parte; no se ha cambiado nada. Vuelve a intentarlo.
error-unsupported-interaction = Este tipo de interacción no es compatible.
