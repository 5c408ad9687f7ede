# Sugerencias de los miembros y la cola de moderación (src/bot/commands/suggest.rs).

cmd-suggest = sugerir
    .description = Sugiere una canción para el catálogo del servidor, o mira tus sugerencias
cmd-suggest-track = cancion
    .description = Sugiere una canción que falta en el catálogo; deciden los moderadores
cmd-suggest-drama = drama
    .description = El drama (elige uno, o escribe el título de uno que falte en el catálogo)
cmd-suggest-title = titulo
    .description = El título de la canción
cmd-suggest-singers = artistas
    .description = Quién la canta (si son varios, sepáralos con comas)
cmd-suggest-part = parte
    .description = El número de parte de la OST
cmd-suggest-link = enlace
    .description = Un enlace para escucharla (https://)
cmd-suggest-dm = aviso
    .description = Avísame por mensaje directo cuando decidan los moderadores
cmd-suggest-mine = mias
    .description = Tus sugerencias en este servidor y qué fue de ellas
cmd-catalog-queue = cola
    .description = Las sugerencias pendientes de los miembros: apruébalas, edítalas o recházalas
cmd-config-catalog-channel = canal-catalogo
    .description = Dónde se publican para los moderadores las nuevas sugerencias
cmd-config-catalog-channel-channel = canal
    .description = El canal de las nuevas sugerencias
help-suggest = sugiere una canción para el catálogo del servidor; los moderadores la aprueban desde /catalog queue
suggest-new-drama-choice = Drama nuevo: { $title }
suggest-exists = El catálogo ya tiene esta canción:
suggest-stored = ¡Gracias! La sugerencia #{ $id }, **{ $title }** ({ $drama }), espera a los moderadores. Tienes { $open } de { $max } sugerencias pendientes.
suggest-mine-empty = Aún no has sugerido nada en este servidor. Prueba con /suggest track.
suggest-mine-title = Tus sugerencias
suggest-state-open = pendiente
suggest-state-approved = aprobada
suggest-state-rejected = rechazada
suggest-new-drama = { $title } (drama nuevo)
suggest-embed-title = Sugerencia #{ $id }: { $title }
suggest-field-drama = Drama
suggest-field-title = Título
suggest-field-singers = Artistas
suggest-field-part = Parte de la OST
suggest-field-link = Enlace
suggest-field-by = Sugerida por
suggest-field-decision = Decisión
suggest-decided = { $state ->
    [approved] Aprobada
   *[rejected] Rechazada
} por { $name }, { $date }
suggest-approve = Aprobar
suggest-edit = Editar
suggest-reject = Rechazar
suggest-queue-empty = No hay sugerencias pendientes. Los miembros sugieren canciones con /suggest track.
suggest-queue-footer = Sugerencia pendiente { $page } de { $pages }
suggest-approved = Aprobada: **{ $title }** ya está en el catálogo del servidor ({ $drama }).
suggest-rejected = Rechazada: **{ $title }**.
suggest-edited = La sugerencia #{ $id } ha cambiado; sigue pendiente de decisión.
suggest-reject-reason = Por qué (opcional; el miembro lo verá)
suggest-reject-form = Rechazar la sugerencia #{ $id }
suggest-edit-form = Editar la sugerencia #{ $id }
suggest-bad-part = La parte de la OST es un número del 0 al 100.
suggest-dm-approved = Tu sugerencia **{ $title }** se ha aprobado: ya está en el catálogo del servidor.
suggest-dm-rejected = Tu sugerencia **{ $title }** se ha rechazado.
suggest-dm-rejected-because = Tu sugerencia **{ $title }** se ha rechazado: { $reason }
config-catalog-channel-set = Las nuevas sugerencias de los miembros se publicarán en { $channel }.
suggest-error-no-drama = Elige un drama de la lista, o escribe el título de un drama que falte en el catálogo.
suggest-error-too-many-open = Ya tienes { $open } sugerencias pendientes. Sugiere más cuando los moderadores hayan decidido sobre algunas.
suggest-error-paused = Se rechazaron tus últimas { $times } sugerencias, así que podrás volver a sugerir { $until }.
suggest-error-already-suggested = Esta canción ya está sugerida (#{ $id }) y espera a los moderadores.
suggest-error-no-such = Este servidor no tiene la sugerencia #{ $id }.
suggest-error-decided = Esta sugerencia ya está decidida: { $state ->
    [approved] aprobada
   *[rejected] rechazada
} por { $name }, { $date }.

# `ostbot suggestions export` (operators).
suggestions-exported = Se han escrito { $tracks } canciones y { $dramas } dramas en { $file }. Impórtalo con: ostbot import { $file }
suggestions-exported-with-dramas = Se han escrito { $tracks } canciones en { $file } y { $dramas } dramas en { $dramas_file }. Importa primero los dramas: ostbot import { $dramas_file }, y después ostbot import { $file }
config-field-catalog-channel = Canal de sugerencias
config-catalog-channel-unset = sin configurar: las sugerencias van al canal de reseñas
