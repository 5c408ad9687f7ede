-- Drama-only searches (/drama autocomplete) filter on kind = 0. Through the indexes above they
-- step over every track row sharing the term, and tracks outnumber dramas: an artist's name is
-- a key of each of their tracks, so "paul kim" or the head "kim" meant thousands of entries
-- read per keystroke. These partial indexes hold the drama rows alone, so each drama-only
-- lookup seeks straight to its bounded slice. `kind` is kept as a column so that they cover.
CREATE INDEX search_keys_drama_compact ON search_keys(compact, popularity DESC, kind) WHERE kind = 0;
CREATE INDEX search_keys_drama_phon ON search_keys(phon, popularity DESC, kind) WHERE kind = 0;
CREATE INDEX search_words_drama_term ON search_words(term, kind, key_id) WHERE kind = 0;
CREATE INDEX search_words_drama_head ON search_words(head, popularity DESC, term, kind, key_id) WHERE kind = 0;
CREATE INDEX search_prefix_drama ON search_prefix(term, popularity DESC, key_id, kind) WHERE kind = 0;
