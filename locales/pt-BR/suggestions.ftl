# Sugestões dos membros e a fila da moderação (src/bot/commands/suggest.rs).

cmd-suggest = sugerir
    .description = Sugira uma música para o catálogo do servidor, ou veja suas sugestões
cmd-suggest-track = musica
    .description = Sugira uma música que falta no catálogo; a moderação decide
cmd-suggest-drama = dorama
    .description = O dorama (escolha um, ou digite o título de um que falta no catálogo)
cmd-suggest-title = titulo
    .description = O título da música
cmd-suggest-singers = artistas
    .description = Quem canta (se forem vários, separe com vírgulas)
cmd-suggest-part = parte
    .description = O número da parte da OST
cmd-suggest-link = link
    .description = Um link para ouvir (https://)
cmd-suggest-dm = aviso
    .description = Me avise por mensagem direta quando a moderação decidir
cmd-suggest-mine = minhas
    .description = Suas sugestões neste servidor e o que aconteceu com elas
cmd-catalog-queue = fila
    .description = As sugestões pendentes dos membros: aprove, edite ou recuse
cmd-config-catalog-channel = canal-catalogo
    .description = Onde as novas sugestões dos membros aparecem para a moderação
cmd-config-catalog-channel-channel = canal
    .description = O canal das novas sugestões
help-suggest = sugira uma música para o catálogo do servidor; a moderação aprova em /catalog queue
suggest-new-drama-choice = Dorama novo: { $title }
suggest-exists = O catálogo já tem esta música:
suggest-stored = Valeu! A sugestão #{ $id }, **{ $title }** ({ $drama }), espera a moderação. Você tem { $open } de { $max } sugestões pendentes.
suggest-mine-empty = Você ainda não sugeriu nada neste servidor. Tente /suggest track.
suggest-mine-title = Suas sugestões
suggest-state-open = pendente
suggest-state-approved = aprovada
suggest-state-rejected = recusada
suggest-new-drama = { $title } (dorama novo)
suggest-embed-title = Sugestão #{ $id }: { $title }
suggest-field-drama = Dorama
suggest-field-title = Título
suggest-field-singers = Artistas
suggest-field-part = Parte da OST
suggest-field-link = Link
suggest-field-by = Sugerida por
suggest-field-decision = Decisão
suggest-decided = { $state ->
    [approved] Aprovada
   *[rejected] Recusada
} por { $name }, { $date }
suggest-approve = Aprovar
suggest-edit = Editar
suggest-reject = Recusar
suggest-queue-empty = Nenhuma sugestão pendente. Os membros sugerem músicas com /suggest track.
suggest-queue-footer = Sugestão pendente { $page } de { $pages }
suggest-approved = Aprovada: **{ $title }** já está no catálogo do servidor ({ $drama }).
suggest-rejected = Recusada: **{ $title }**.
suggest-edited = A sugestão #{ $id } foi alterada; ela continua esperando uma decisão.
suggest-reject-reason = Por quê (opcional; o membro vai ver)
suggest-reject-form = Recusar a sugestão #{ $id }
suggest-edit-form = Editar a sugestão #{ $id }
suggest-bad-part = A parte da OST é um número de 0 a 100.
suggest-dm-approved = Sua sugestão **{ $title }** foi aprovada: já está no catálogo do servidor.
suggest-dm-rejected = Sua sugestão **{ $title }** foi recusada.
suggest-dm-rejected-because = Sua sugestão **{ $title }** foi recusada: { $reason }
config-catalog-channel-set = As novas sugestões dos membros vão aparecer em { $channel }.
suggest-error-no-drama = Escolha um dorama da lista, ou digite o título de um dorama que falta no catálogo.
suggest-error-too-many-open = Você já tem { $open } sugestões pendentes. Sugira mais quando a moderação decidir algumas.
suggest-error-paused = Suas últimas { $times } sugestões foram recusadas, então você pode sugerir de novo { $until }.
suggest-error-already-suggested = Esta música já foi sugerida (#{ $id }) e espera a moderação.
suggest-error-no-such = Este servidor não tem a sugestão #{ $id }.
suggest-error-decided = Esta sugestão já foi decidida: { $state ->
    [approved] aprovada
   *[rejected] recusada
} por { $name }, { $date }.

# `ostbot suggestions export` (operators).
suggestions-exported = { $tracks } músicas e { $dramas } dramas gravados em { $file }. Importe com: ostbot import { $file }
suggestions-exported-with-dramas = { $tracks } músicas gravadas em { $file } e { $dramas } dramas em { $dramas_file }. Importe os dramas primeiro: ostbot import { $dramas_file }, depois ostbot import { $file }
config-field-catalog-channel = Canal de sugestões
config-catalog-channel-unset = não configurado: as sugestões vão para o canal de resenhas
