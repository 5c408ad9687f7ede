-- As migrations/sqlite/0026_search_terms_without_key_indexes.sql: a deletion of search keys
-- deletes their words and prefixes by primary key (crates/core/src/catalog/search/forget.rs),
-- so the indexes by key, the drama-only partial indexes and the trigger that read them go.

DROP TRIGGER search_keys_ad ON search_keys;
DROP FUNCTION search_keys_forget();

DROP INDEX search_words_key;
DROP INDEX search_words_drama_term;
DROP INDEX search_words_drama_head;
DROP INDEX search_prefix_key;
