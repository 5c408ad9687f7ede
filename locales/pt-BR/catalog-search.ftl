# Cartões do catálogo, seletores e apelidos (src/bot/commands/drama.rs, track.rs, catalog.rs, lookup.rs).

catalog-drama-part = Parte { $part }
catalog-drama-other-tracks = Outras faixas
catalog-page = Página { $page } de { $pages }
catalog-this-server = este servidor
catalog-exact-picker = { $n } faixas se chamam **{ $query }**. Escolha uma:
catalog-artist-tracks = Músicas de { $artist }
catalog-artist-track-count = { $n ->
    [0] { $n } faixas no catálogo
    [one] { $n } faixa no catálogo
   *[other] { $n } faixas no catálogo
}
catalog-alias-empty = O apelido está vazio: digite o outro nome.
catalog-alias-too-long = O apelido é longo demais: no máximo { $max } caracteres.
catalog-alias-shadows-artist = **{ $alias }** já é o nome de { $other }, então não pode indicar outro artista.
catalog-alias-exists = Este servidor já tem o apelido **{ $alias }**.
catalog-alias-no-artist = Nenhum artista do catálogo se chama **{ $name }**.
catalog-alias-gone = Esse apelido não existe mais.
catalog-alias-added = **{ $alias }** foi adicionado como outro nome de { $target }. Os membros deste servidor já podem buscar por ele.
catalog-alias-removed = O apelido **{ $alias }** foi removido.
catalog-alias-list-title = Apelidos deste servidor
catalog-alias-list-empty = Este servidor ainda não tem apelidos. Adicione um com `/catalog alias add`.
