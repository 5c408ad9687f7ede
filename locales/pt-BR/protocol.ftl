# Protocol messages: custom ids, components (src/bot/custom_id.rs).

protocol-stale-component = Este botão ou formulário está desatualizado, então nada foi alterado. Use o comando de novo para receber um novo.
