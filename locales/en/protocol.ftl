# Protocol messages: custom ids, components (src/bot/custom_id.rs).

protocol-stale-component = This button or form is out of date, so nothing was changed. Run the command again to get a fresh one.
