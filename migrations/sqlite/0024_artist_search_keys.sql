-- An artist's names and aliases become search keys of the artist (search_keys.kind = 2,
-- item_id = artists.id), written once, rather than keys copied into each of their tracks: at
-- the bench's 100 000 tracks, 251 000 of 468 000 keys were such copies. search_credits leads
-- from an artist key to the artist's tracks, most popular first (catalog::search expands an
-- artist key into those tracks, and into the candidate tracks it credits).
CREATE TABLE search_credits (
    artist_id   INTEGER NOT NULL,
    popularity  REAL    NOT NULL,   -- the track's, as its search keys have it
    track_id    INTEGER NOT NULL,
    drama_id    INTEGER NOT NULL,
    scope       INTEGER NOT NULL,   -- the track's
    PRIMARY KEY (artist_id, popularity, track_id)
) WITHOUT ROWID;
CREATE INDEX search_credits_track ON search_credits(track_id);

-- Every entry's keys are written anew at the next start (catalog::search::index::ensure_current).
DELETE FROM meta WHERE key = 'search_index';
