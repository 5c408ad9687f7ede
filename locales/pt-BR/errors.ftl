# Erros que um membro pode ver (crates/core/src/error.rs).

error-empty-query = Digite algo para buscar: um título, um título em coreano ou um artista.
error-no-match-track = Nenhuma música corresponde a **{ $query }**.
error-no-match-drama = Nenhum drama corresponde a **{ $query }**.
error-did-you-mean = Você quis dizer:
error-entry-gone = Essa entrada não existe mais. Quer buscar de novo?
error-too-long = `{ $field }` é longo demais: no máximo { $max } caracteres.
error-needs-manage-server = Só moderadores (permissão Gerenciar servidor) podem fazer isso.
error-guild-only = Este comando funciona dentro de um servidor.
error-malformed = O Discord enviou algo que não consegui ler. Tente de novo.
error-internal = Algo deu errado do meu lado; nada foi alterado. Tente de novo.
error-unsupported-interaction = Este tipo de interação não é suportado.
