-- The search index's words and prefixes lose their indexes by key (search_words_key,
-- search_prefix_key), read only to delete a key's rows: a deletion now computes the key's
-- terms from its stored forms and deletes each row by its primary key
-- (crates/core/src/catalog/search/forget.rs). The drama-only partial indexes go too: dramas
-- are most of the rows (three in four on the bench), so a drama-only lookup reads the whole
-- index for little more. Together 50 of the full bench's 156 MB.

DROP INDEX search_words_key;
DROP INDEX search_words_drama_term;
DROP INDEX search_words_drama_head;
DROP INDEX search_prefix_key;

DROP TRIGGER search_keys_ad;
CREATE TRIGGER search_keys_ad AFTER DELETE ON search_keys BEGIN
    DELETE FROM search_fts WHERE rowid = old.id;
END;
