-- The catalog's search index, owned by catalog::search (src/catalog/search/index.rs).
-- One row per searchable key of a drama or a track: its title, Korean title, each alternative
-- title, the initials of a multi-word title, each artist credit. The catalog store rewrites an
-- item's rows in the same transaction as the item itself, so the index is never stale.
CREATE TABLE search_keys (
    id          INTEGER PRIMARY KEY,
    kind        INTEGER NOT NULL,            -- 0 drama, 1 track
    item_id     INTEGER NOT NULL,            -- dramas.id or tracks.id
    scope       INTEGER NOT NULL,            -- 0 global, else the guild id
    drama_id    INTEGER NOT NULL,            -- the drama itself, or the track's drama
    field       INTEGER NOT NULL,            -- 0 title, 1 Korean title, 2 alternative, 3 initials, 4 artist
    display     TEXT    NOT NULL,            -- the key as the catalog writes it
    norm        TEXT    NOT NULL,            -- normalized words, one space apart
    compact     TEXT    NOT NULL,            -- norm without spaces
    phon        TEXT    NOT NULL,            -- phonetic key of the romanized compact form
    popularity  REAL    NOT NULL DEFAULT 0,  -- 0..1, from MyDramaList votes
    special     INTEGER NOT NULL DEFAULT 0   -- 1 for specials and behind-the-scenes entries
);
CREATE INDEX search_keys_item ON search_keys(kind, item_id);
-- Exact forms, most popular first (an artist's name is a key of each of their tracks).
CREATE INDEX search_keys_compact ON search_keys(compact, popularity DESC);
CREATE INDEX search_keys_phon ON search_keys(phon, popularity DESC);
CREATE INDEX search_keys_drama ON search_keys(drama_id, kind);

-- Prefix search: the key from each word start on ("crashlandingonyou", "landingonyou",
-- "onyou", "you"), written and phonetic, cut to 32 characters. `head` is its first three
-- characters, so that the most popular completions of a query are read first.
CREATE TABLE search_words (
    term        TEXT    NOT NULL,
    head        TEXT    NOT NULL,
    popularity  REAL    NOT NULL,
    kind        INTEGER NOT NULL,            -- the key's kind, so drama-only searches skip tracks
    key_id      INTEGER NOT NULL
);
-- Both covering: lookups read the indexes alone.
CREATE INDEX search_words_term ON search_words(term, kind, key_id);
CREATE INDEX search_words_head ON search_words(head, popularity DESC, term, kind, key_id);
CREATE INDEX search_words_key ON search_words(key_id);

-- Queries of one or two characters (common in Hangul): the first one and two characters at
-- each word start, most popular first.
CREATE TABLE search_prefix (
    term        TEXT    NOT NULL,
    popularity  REAL    NOT NULL,
    key_id      INTEGER NOT NULL,
    kind        INTEGER NOT NULL,
    PRIMARY KEY (term, popularity, key_id)
) WITHOUT ROWID;
CREATE INDEX search_prefix_key ON search_prefix(key_id);

-- Misspellings: trigrams of both forms (rowid = search_keys.id); a query's trigrams vote for
-- the keys that share them.
CREATE VIRTUAL TABLE search_fts USING fts5(
    compact, phon,
    content = '', contentless_delete = 1, detail = 'none',
    tokenize = 'trigram'
);

CREATE TRIGGER search_keys_ai AFTER INSERT ON search_keys BEGIN
    INSERT INTO search_fts(rowid, compact, phon) VALUES (new.id, new.compact, new.phon);
END;
CREATE TRIGGER search_keys_ad AFTER DELETE ON search_keys BEGIN
    DELETE FROM search_fts WHERE rowid = old.id;
    DELETE FROM search_words WHERE key_id = old.id;
    DELETE FROM search_prefix WHERE key_id = old.id;
END;
