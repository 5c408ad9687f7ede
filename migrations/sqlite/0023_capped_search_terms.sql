-- The search index's completions keep, for each term and kind, only its most popular keys
-- (catalog::search::index::TERM_CAP, PREFIX_CAP): every lookup of these tables reads a term's
-- most popular keys first and stops after a few dozen, so the rest were bytes never read. A
-- word such as an artist's name or "love" was a row of each of thousands of keys: these rows
-- were four fifths of the search tables at the bench's 100 000 tracks.
--
-- search_words becomes its own term index (WITHOUT ROWID, keyed as search_words_term was),
-- and search_prefix, capped, no longer needs a partial index of its drama rows: a drama-only
-- lookup steps over at most the capped track rows of its term.

DROP TRIGGER search_keys_ad;

CREATE TABLE search_words_capped (
    term        TEXT    NOT NULL,
    kind        INTEGER NOT NULL,
    key_id      INTEGER NOT NULL,
    head        TEXT    NOT NULL,
    popularity  REAL    NOT NULL,
    PRIMARY KEY (term, kind, key_id)
) WITHOUT ROWID;
INSERT INTO search_words_capped (term, kind, key_id, head, popularity)
SELECT term, kind, key_id, head, popularity FROM (
    SELECT term, kind, key_id, head, popularity,
           row_number() OVER (PARTITION BY term, kind ORDER BY popularity DESC, key_id) AS rank
      FROM search_words
) WHERE rank <= 64;
DROP TABLE search_words;
ALTER TABLE search_words_capped RENAME TO search_words;
CREATE INDEX search_words_head ON search_words(head, popularity DESC, term, kind, key_id);
CREATE INDEX search_words_key ON search_words(key_id);
CREATE INDEX search_words_drama_term ON search_words(term, kind, key_id) WHERE kind = 0;
CREATE INDEX search_words_drama_head ON search_words(head, popularity DESC, term, kind, key_id) WHERE kind = 0;

CREATE TABLE search_prefix_capped (
    term        TEXT    NOT NULL,
    popularity  REAL    NOT NULL,
    key_id      INTEGER NOT NULL,
    kind        INTEGER NOT NULL,
    PRIMARY KEY (term, popularity, key_id)
) WITHOUT ROWID;
INSERT INTO search_prefix_capped (term, popularity, key_id, kind)
SELECT term, popularity, key_id, kind FROM (
    SELECT term, popularity, key_id, kind,
           row_number() OVER (PARTITION BY term, kind ORDER BY popularity DESC, key_id) AS rank
      FROM search_prefix
) WHERE rank <= 64;
DROP TABLE search_prefix;
ALTER TABLE search_prefix_capped RENAME TO search_prefix;
CREATE INDEX search_prefix_key ON search_prefix(key_id);

CREATE TRIGGER search_keys_ad AFTER DELETE ON search_keys BEGIN
    DELETE FROM search_fts WHERE rowid = old.id;
    DELETE FROM search_words WHERE key_id = old.id;
    DELETE FROM search_prefix WHERE key_id = old.id;
END;
