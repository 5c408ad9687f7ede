# Protocol messages: custom ids, components (src/bot/custom_id.rs).

protocol-stale-component = Este botón o formulario ya no es válido, así que no se cambió nada. Vuelve a usar el comando para obtener uno nuevo.
