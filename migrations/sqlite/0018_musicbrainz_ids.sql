-- MusicBrainz ids of catalog entries fetched from MusicBrainz (`ostbot catalog fetch`,
-- `/catalog fetch`), so that a later fetch updates the same entries instead of adding
-- new ones. Each is a MusicBrainz id (MBID, a UUID in lower-case text).
-- A drama: the release group its first fetch started from.
ALTER TABLE dramas ADD COLUMN mb_release_group TEXT;
-- A track: its recording, and the release (an OST part, usually a single) and release
-- group it was read from.
ALTER TABLE tracks ADD COLUMN mb_recording TEXT;
ALTER TABLE tracks ADD COLUMN mb_release TEXT;
ALTER TABLE tracks ADD COLUMN mb_release_group TEXT;
-- An artist as MusicBrainz knows it.
ALTER TABLE artists ADD COLUMN mbid TEXT;

-- One entry per MusicBrainz id in each scope; one artist per MBID.
CREATE UNIQUE INDEX dramas_by_mb_release_group ON dramas(scope, mb_release_group)
    WHERE mb_release_group IS NOT NULL;
CREATE UNIQUE INDEX tracks_by_mb_recording ON tracks(scope, mb_recording)
    WHERE mb_recording IS NOT NULL;
CREATE INDEX tracks_by_mb_release_group ON tracks(mb_release_group)
    WHERE mb_release_group IS NOT NULL;
CREATE UNIQUE INDEX artists_by_mbid ON artists(mbid) WHERE mbid IS NOT NULL;

-- A `/catalog fetch` preview waiting for a moderator's Import (its button carries the id):
-- the query, which would not fit in a button's id, re-read from the cache on Import.
-- Times are unix milliseconds (UTC); previews older than a day are dropped.
CREATE TABLE musicbrainz_fetches (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id     INTEGER NOT NULL,
    moderator_id INTEGER NOT NULL,
    query        TEXT    NOT NULL,
    created_at   INTEGER NOT NULL
);
