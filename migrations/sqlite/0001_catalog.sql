-- The catalog: dramas and their OST tracks.
-- scope = 0 for global entries (shipped or imported by the operator),
-- otherwise the Discord guild id whose moderators added the entry.
CREATE TABLE dramas (
    id          INTEGER PRIMARY KEY,
    scope       INTEGER NOT NULL DEFAULT 0,
    slug        TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    title_ko    TEXT,
    alt_titles  TEXT    NOT NULL DEFAULT '[]',  -- JSON array of strings
    year        INTEGER,
    network     TEXT,
    genres      TEXT    NOT NULL DEFAULT '[]',  -- JSON array of strings
    episodes    INTEGER,
    mdl_rating  REAL,
    mdl_votes   INTEGER,
    added_by    INTEGER,                         -- member who added a server-local entry
    UNIQUE (scope, slug)
);

CREATE TABLE tracks (
    id          INTEGER PRIMARY KEY,
    scope       INTEGER NOT NULL DEFAULT 0,
    slug        TEXT    NOT NULL,
    drama_id    INTEGER NOT NULL REFERENCES dramas(id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    title_ko    TEXT,
    artist      TEXT,
    artist_ko   TEXT,
    ost_part    INTEGER,
    year        INTEGER,
    album       TEXT,
    links       TEXT    NOT NULL DEFAULT '[]',  -- JSON array of URLs
    verified    INTEGER NOT NULL DEFAULT 1,
    added_by    INTEGER,
    UNIQUE (scope, slug)
);

CREATE INDEX tracks_by_drama ON tracks(drama_id, ost_part);

-- Small facts about the database itself (e.g. which shipped catalog is loaded).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
