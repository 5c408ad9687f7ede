# Fichas del catálogo, selectores y alias (src/bot/commands/drama.rs, track.rs, catalog.rs, lookup.rs).

catalog-drama-part = Parte { $part }
catalog-drama-other-tracks = Otras canciones
catalog-page = Página { $page } de { $pages }
catalog-this-server = este servidor
catalog-exact-picker = Hay { $n } canciones que se titulan **{ $query }**. Elige una:
catalog-artist-tracks = Canciones de { $artist }
catalog-artist-track-count = { $n ->
    [one] { $n } canción en el catálogo
   *[other] { $n } canciones en el catálogo
}
catalog-alias-empty = El alias está vacío: escribe el otro nombre.
catalog-alias-too-long = El alias es demasiado largo: como máximo { $max } caracteres.
catalog-alias-shadows-artist = **{ $alias }** ya es el nombre de { $other }, así que no puede designar a otro artista.
catalog-alias-exists = Este servidor ya tiene el alias **{ $alias }**.
catalog-alias-no-artist = Ningún artista del catálogo se llama **{ $name }**.
catalog-alias-gone = Ese alias ya no existe.
catalog-alias-added = Se ha añadido **{ $alias }** como otro nombre de { $target }. Los miembros de este servidor ya pueden buscar con él.
catalog-alias-removed = Se ha eliminado el alias **{ $alias }**.
catalog-alias-list-title = Alias de este servidor
catalog-alias-list-empty = Este servidor aún no tiene alias. Añade uno con `/catalog alias add`.
