# Importações de catálogo (/catalog import, `ostbot import`): o relatório e cada linha com problema.

import-done = Importação concluída: { $new } novos, { $updated } atualizados, { $unchanged } sem alteração.
import-merged = { $merged ->
    [0] { $merged } cópias locais de servidores foram mescladas
    [one] 1 cópia local de servidor foi mesclada
   *[other] { $merged } cópias locais de servidores foram mescladas
} às entradas globais, com suas avaliações e histórico de enquetes.
import-dry-run = Simulação, nada foi gravado: { $new } novos, { $updated } mudariam, { $unchanged } sem alteração.
import-refused = { $rows ->
    [0] Nada foi importado: { $rows } linhas têm problemas.
    [one] Nada foi importado: uma linha tem problema.
   *[other] Nada foi importado: { $rows } linhas têm problemas.
}
import-row = • linha { $line }: { $problem }
import-more-rows = { $rows ->
    [0] …e mais { $rows }.
    [one] …e mais uma.
   *[other] …e mais { $rows }.
}
import-error-not-utf8 = O arquivo não é texto UTF-8. Salve como UTF-8 (CSV ou JSON) e tente de novo.
import-error-no-header = A primeira linha precisa ser um cabeçalho CSV.
import-error-unknown-columns = O cabeçalho precisa trazer os nomes das colunas: `title,…` para dramas ou `drama_id,title,…` para músicas.
import-error-bad-json = O JSON está malformado perto da linha { $line }. O formato esperado é {"{"}"dramas": [...], "tracks": [...]{"}"}.
import-row-bad-csv = a linha não é um CSV válido (número errado de campos ou aspas quebradas)
import-row-wrong-kind = um valor é do tipo errado
import-row-wrong-kind-in-column = a coluna { $column } tem um valor do tipo errado
import-row-unreadable = não foi possível ler a linha
import-row-bad-json-drama = o drama { $index } tem um campo do tipo errado
import-row-bad-json-track = a música { $index } tem um campo do tipo errado
import-row-drama-no-title = o drama não tem título
import-row-track-no-title = a música não tem título
import-row-title-too-long = o título tem mais de { $max } caracteres
import-row-year = year precisa estar entre 1950 e 2100 (recebido: { $got })
import-row-episodes = episodes precisa estar entre 1 e 2000 (recebido: { $got })
import-row-rating = mdl_rating precisa estar entre 0 e 10 (recebido: { $got })
import-row-bad-id = id só pode ter letras, números e hífens (no máximo 120) (recebido: “{ $got }”)
import-row-no-drama-named = a música não indica nenhum drama (drama_id ou drama_title_ko)
import-row-bad-link = links precisam ser URLs http(s) de no máximo 512 caracteres (recebido: “{ $got }”)
import-row-ost-part = ost_part precisa estar entre 0 e 100 (recebido: { $got })
import-row-verified = verified precisa ser yes ou no (recebido: “{ $got }”)
import-row-unknown-drama = não há nenhum drama “{ $drama }” no catálogo
import-row-no-track-id = a linha não indica nenhum track_id
import-row-unknown-track = não há nenhuma música “{ $track }” no catálogo compartilhado
import-row-track-listed-twice = a música “{ $track }” já tem créditos na linha { $line }
import-row-empty-artist = o nome de um artista está vazio
import-row-artist-listed-twice = “{ $artist }” aparece duas vezes nos créditos
import-row-unknown-artist = não há nenhum artista “{ $artist }” no catálogo
import-row-alias-kind = kind precisa ser artist ou track (recebido: “{ $got }”)
import-row-bad-guild = local_in precisa listar IDs de servidores (recebido: “{ $got }”)
import-row-alias-listed-twice = o mesmo apelido já está na linha { $line }
