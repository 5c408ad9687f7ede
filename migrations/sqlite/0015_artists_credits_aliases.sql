-- Artists as entities, ordered track credits, aliases as data (catalog::credits, catalog::aliases).
-- The `artist`/`artist_ko` columns of tracks stay as the source's credit as imported; the
-- credits below are what cards show and search indexes.
CREATE TABLE artists (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The identity of the artist: the normalized Hangul name when there is one, else the
    -- normalized Latin name (`catalog::credits::artist_key`).
    key      TEXT    NOT NULL UNIQUE,
    name_ko  TEXT,                          -- 찬열
    name     TEXT                           -- CHANYEOL (Latin stage name)
);

-- Who sings a track, in credit order (1 = first credited).
CREATE TABLE track_credits (
    track_id   INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    artist_id  INTEGER NOT NULL REFERENCES artists(id),
    PRIMARY KEY (track_id, position),
    UNIQUE (track_id, artist_id)
) WITHOUT ROWID;
CREATE INDEX track_credits_by_artist ON track_credits(artist_id, track_id);

-- Other names: an artist's stage names, romanizations and group names (kind 0, target an
-- artist), a track's official English title or fan nickname (kind 1, target a track).
-- scope = 0 global (the shipped data/aliases.csv or the operator's import), else the guild
-- whose moderators added it; a guild's aliases are searched in that guild only.
CREATE TABLE aliases (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    scope      INTEGER NOT NULL DEFAULT 0,
    kind       INTEGER NOT NULL,
    target_id  INTEGER NOT NULL,
    alias      TEXT    NOT NULL,
    added_by   INTEGER,
    UNIQUE (scope, kind, target_id, alias)
);
CREATE INDEX aliases_by_target ON aliases(kind, target_id);

-- Release date of a track's single or album (YYYY-MM-DD or YYYY-MM), when a source gives it.
ALTER TABLE tracks ADD COLUMN release_date TEXT;

-- 1 for the track a drama is best known by (data/tracks.csv's `signature`): what a drama's
-- name alone finds first in a track search.
ALTER TABLE tracks ADD COLUMN signature INTEGER NOT NULL DEFAULT 0;

-- How many keys hold each trigram: a misspelled query looks up its rarest trigrams first
-- (catalog::search::fuzzy_candidates). A view of search_fts's own index: it stores nothing.
CREATE VIRTUAL TABLE search_fts_terms USING fts5vocab(search_fts, 'row');
