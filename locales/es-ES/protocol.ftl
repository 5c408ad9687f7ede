# Protocol messages: custom ids, components (src/bot/custom_id.rs).

protocol-stale-component = Este botón o formulario está desactualizado, así que no se ha cambiado nada. Vuelve a usar el comando para obtener uno nuevo.
