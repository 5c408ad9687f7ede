# Catalog cards, pickers and aliases (src/bot/commands/drama.rs, track.rs, catalog.rs, lookup.rs).

catalog-drama-part = Part { $part }
catalog-drama-other-tracks = Other tracks
catalog-page = Page { $page } of { $pages }
catalog-this-server = this server
catalog-exact-picker = { $n } tracks are titled **{ $query }**. Pick one:
catalog-artist-tracks = Tracks by { $artist }
catalog-artist-track-count = { $n ->
    [one] { $n } track in the catalog
   *[other] { $n } tracks in the catalog
}
catalog-alias-empty = The alias is empty: type the other name.
catalog-alias-too-long = The alias is too long: at most { $max } characters.
catalog-alias-shadows-artist = **{ $alias }** is already the name of { $other }, so it cannot stand for another artist.
catalog-alias-exists = This server already has the alias **{ $alias }**.
catalog-alias-no-artist = No artist in the catalog is named **{ $name }**.
catalog-alias-gone = That alias no longer exists.
catalog-alias-added = Added **{ $alias }** as another name for { $target }. Members of this server can search by it now.
catalog-alias-removed = Removed the alias **{ $alias }**.
catalog-alias-list-title = This server's aliases
catalog-alias-list-empty = This server has no aliases yet. Add one with `/catalog alias add`.
