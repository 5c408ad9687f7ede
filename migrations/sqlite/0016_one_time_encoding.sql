-- One time encoding. Until now reviews, removals, confirmations, hidden
-- entries and server settings stored times as ISO 8601 text, while polls,
-- votes, the weekly cycle and seen interactions stored unix seconds. From
-- here on every time is an INTEGER of unix milliseconds, UTC:
-- - one codec (`crate::timestamp`) reads and writes them all, and refuses
--   a value that is no time instead of turning it into the epoch;
-- - "due", "older than" and "newest first" are integer comparisons, in
--   SQL and in indexes, with no text format to keep fixed-width;
-- - milliseconds keep what the text had (reviews were written to the
--   millisecond) and what the seconds had (times 1000), and an i64 of them
--   spans far more than any date chrono can hold;
-- - it is what PostgreSQL (BIGINT) or any other store reads without parsing.
--
-- A column whose declared type is TEXT turns an integer written into it
-- back into text (column affinity), so the tables with text times are
-- rebuilt, as 0012 rebuilt its tables: copied aside, dropped children
-- first, created again with INTEGER times, refilled with each text time
-- converted, and their indexes and triggers created again after the refill
-- (which so fires none of them: voices and aggregates stay exactly as they
-- were). A text that is not an ISO date converts to NULL, which the NOT NULL
-- columns refuse: the migration then fails and rolls back, losing nothing,
-- rather than guessing a time. The integer columns only change unit.

CREATE TEMP TABLE keep_review_history AS SELECT * FROM review_history;
CREATE TEMP TABLE keep_reviews AS SELECT * FROM reviews;
CREATE TEMP TABLE keep_voices AS SELECT * FROM voices;
CREATE TEMP TABLE keep_review_removals AS SELECT * FROM review_removals;
CREATE TEMP TABLE keep_review_removal_requests AS SELECT * FROM review_removal_requests;
CREATE TEMP TABLE keep_catalog_hidden AS SELECT * FROM catalog_hidden;
CREATE TEMP TABLE keep_guild_settings AS SELECT * FROM guild_settings;
CREATE TEMP TABLE keep_sequence AS SELECT name, seq FROM sqlite_sequence
    WHERE name IN ('reviews', 'review_removal_requests');

-- Children first (review_history before reviews). Their triggers and indexes go with them.
DROP TABLE review_history;
DROP TABLE reviews;
DROP TABLE voices;
DROP TABLE review_removals;
DROP TABLE review_removal_requests;
DROP TABLE catalog_hidden;
DROP TABLE guild_settings;

-- The definitions as migration 0015 left them, times INTEGER.
CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    INTEGER NOT NULL,
    member_id   INTEGER NOT NULL,
    member_name TEXT    NOT NULL DEFAULT '',
    drama_id    INTEGER NOT NULL REFERENCES dramas(id) ON DELETE CASCADE,
    track_key   INTEGER NOT NULL DEFAULT 0,
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 10),
    body        TEXT,
    spoiler     INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (guild_id, drama_id, track_key, member_id)
);

CREATE TABLE review_history (
    id         INTEGER PRIMARY KEY,
    review_id  INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    score      INTEGER NOT NULL,
    body       TEXT,
    spoiler    INTEGER NOT NULL DEFAULT 0,
    written_at INTEGER NOT NULL
);

CREATE TABLE voices (
    guild_id   INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    target_id  INTEGER NOT NULL,
    member_id  INTEGER NOT NULL,
    voice      REAL    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, kind, target_id, member_id)
) WITHOUT ROWID;

CREATE TABLE review_removals (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    review_id   INTEGER NOT NULL,
    member_id   INTEGER,          -- NULL once the author used /forget-me
    drama_id    INTEGER NOT NULL,
    track_key   INTEGER NOT NULL,
    score       INTEGER NOT NULL,
    removed_by  INTEGER NOT NULL,
    removed_at  INTEGER NOT NULL,
    reason      TEXT
);

CREATE TABLE review_removal_requests (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id     INTEGER NOT NULL,
    review_id    INTEGER NOT NULL,
    moderator_id INTEGER NOT NULL,
    reason       TEXT,
    requested_at INTEGER NOT NULL
);

CREATE TABLE catalog_hidden (
    kind      INTEGER NOT NULL,
    item_id   INTEGER NOT NULL,
    guild_id  INTEGER NOT NULL,
    hidden_by INTEGER NOT NULL,
    hidden_at INTEGER NOT NULL,
    PRIMARY KEY (kind, item_id)
);

CREATE TABLE guild_settings (
    guild_id            INTEGER PRIMARY KEY,
    review_feed_channel INTEGER,
    poll_role           INTEGER,
    ping_role           INTEGER,
    weekly_channel      INTEGER,
    weekly_day          INTEGER,          -- 0 = Monday … 6 = Sunday
    weekly_time         TEXT,             -- HH:MM in weekly_timezone
    weekly_timezone     TEXT,             -- IANA name, e.g. Asia/Seoul
    weekly_candidates   INTEGER NOT NULL DEFAULT 5,
    min_voices          INTEGER NOT NULL DEFAULT 5,  -- m of the Bayesian average
    channel_problem     TEXT,             -- why the last post to a configured channel failed
    updated_at          INTEGER NOT NULL DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)),
    language            TEXT,
    guild_locale        TEXT
);

-- Refilled parents first, every column named, each time converted.
INSERT INTO reviews (id, guild_id, member_id, member_name, drama_id, track_key, score, body,
        spoiler, created_at, updated_at)
    SELECT id,
           guild_id,
           member_id,
           member_name,
           drama_id,
           track_key,
           score,
           body,
           spoiler,
           CAST(ROUND((julianday(CASE WHEN created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN created_at END) - 2440587.5) * 86400000) AS INTEGER),
           CAST(ROUND((julianday(CASE WHEN updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN updated_at END) - 2440587.5) * 86400000) AS INTEGER)
    FROM keep_reviews;
INSERT INTO review_history (id, review_id, score, body, spoiler, written_at)
    SELECT id,
           review_id,
           score,
           body,
           spoiler,
           CAST(ROUND((julianday(CASE WHEN written_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN written_at END) - 2440587.5) * 86400000) AS INTEGER)
    FROM keep_review_history;
INSERT INTO voices (guild_id, kind, target_id, member_id, voice, updated_at)
    SELECT guild_id,
           kind,
           target_id,
           member_id,
           voice,
           CAST(ROUND((julianday(CASE WHEN updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN updated_at END) - 2440587.5) * 86400000) AS INTEGER)
    FROM keep_voices;
INSERT INTO review_removals (id, guild_id, review_id, member_id, drama_id, track_key, score,
        removed_by, removed_at, reason)
    SELECT id,
           guild_id,
           review_id,
           member_id,
           drama_id,
           track_key,
           score,
           removed_by,
           CAST(ROUND((julianday(CASE WHEN removed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN removed_at END) - 2440587.5) * 86400000) AS INTEGER),
           reason
    FROM keep_review_removals;
INSERT INTO review_removal_requests (id, guild_id, review_id, moderator_id, reason, requested_at)
    SELECT id,
           guild_id,
           review_id,
           moderator_id,
           reason,
           CAST(ROUND((julianday(CASE WHEN requested_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN requested_at END) - 2440587.5) * 86400000) AS INTEGER)
    FROM keep_review_removal_requests;
INSERT INTO catalog_hidden (kind, item_id, guild_id, hidden_by, hidden_at)
    SELECT kind,
           item_id,
           guild_id,
           hidden_by,
           CAST(ROUND((julianday(CASE WHEN hidden_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN hidden_at END) - 2440587.5) * 86400000) AS INTEGER)
    FROM keep_catalog_hidden;
INSERT INTO guild_settings (guild_id, review_feed_channel, poll_role, ping_role,
        weekly_channel, weekly_day, weekly_time, weekly_timezone, weekly_candidates,
        min_voices, channel_problem, updated_at, language, guild_locale)
    SELECT guild_id,
           review_feed_channel,
           poll_role,
           ping_role,
           weekly_channel,
           weekly_day,
           weekly_time,
           weekly_timezone,
           weekly_candidates,
           min_voices,
           channel_problem,
           CAST(ROUND((julianday(CASE WHEN updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN updated_at END) - 2440587.5) * 86400000) AS INTEGER),
           language,
           guild_locale
    FROM keep_guild_settings;

DROP TABLE keep_guild_settings;
DROP TABLE keep_catalog_hidden;
DROP TABLE keep_review_removal_requests;
DROP TABLE keep_review_removals;
DROP TABLE keep_voices;
DROP TABLE keep_reviews;
DROP TABLE keep_review_history;

-- Numbers already shown are still never handed out again: dropping a table
-- took its row in sqlite_sequence with it.
INSERT INTO sqlite_sequence (name, seq)
    SELECT k.name, k.seq FROM keep_sequence k
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence s WHERE s.name = k.name);
UPDATE sqlite_sequence SET seq = MAX(seq, (SELECT k.seq FROM keep_sequence k WHERE k.name = sqlite_sequence.name))
    WHERE name IN (SELECT name FROM keep_sequence);
DROP TABLE keep_sequence;

-- Indexes of the rebuilt tables, as they were.
CREATE INDEX review_history_by_review ON review_history(review_id);
CREATE INDEX review_removal_requests_by_time ON review_removal_requests(requested_at);
CREATE INDEX review_removals_by_guild ON review_removals(guild_id, removed_at);
CREATE INDEX reviews_by_guild_time ON reviews(guild_id, updated_at);
CREATE INDEX reviews_by_member ON reviews(member_id, guild_id, drama_id);
CREATE INDEX reviews_by_track ON reviews(guild_id, track_key, updated_at);
CREATE INDEX voices_across_servers ON voices(kind, target_id, voice);
CREATE INDEX voices_by_time ON voices(guild_id, kind, updated_at);
CREATE INDEX voices_ordered ON voices(guild_id, kind, target_id, voice);

-- Triggers of the rebuilt tables, as they were, after the refill (which so fired none).
CREATE TRIGGER reviews_keep_history BEFORE UPDATE OF score, body, spoiler ON reviews BEGIN
    INSERT INTO review_history (review_id, score, body, spoiler, written_at)
        VALUES (OLD.id, OLD.score, OLD.body, OLD.spoiler, OLD.updated_at);
END;

CREATE TRIGGER reviews_set_voices_on_insert AFTER INSERT ON reviews BEGIN
    INSERT INTO voices (guild_id, kind, target_id, member_id, voice, updated_at)
        SELECT NEW.guild_id, 'track', NEW.track_key, NEW.member_id, NEW.score, NEW.updated_at
        WHERE NEW.track_key <> 0
        ON CONFLICT (guild_id, kind, target_id, member_id)
        DO UPDATE SET voice = excluded.voice, updated_at = excluded.updated_at;
    INSERT INTO voices (guild_id, kind, target_id, member_id, voice, updated_at)
        SELECT NEW.guild_id, 'drama', NEW.drama_id, NEW.member_id,
               CASE WHEN NEW.track_key = 0 THEN NEW.score ELSE
                   (SELECT COALESCE(MAX(CASE WHEN track_key = 0 THEN score END), AVG(score))
                    FROM reviews WHERE member_id = NEW.member_id AND guild_id = NEW.guild_id
                      AND drama_id = NEW.drama_id) END,
               NEW.updated_at
        WHERE true
        ON CONFLICT (guild_id, kind, target_id, member_id)
        DO UPDATE SET voice = excluded.voice, updated_at = excluded.updated_at;
END;

CREATE TRIGGER reviews_set_voices_on_update AFTER UPDATE ON reviews BEGIN
    INSERT INTO voices (guild_id, kind, target_id, member_id, voice, updated_at)
        SELECT NEW.guild_id, 'track', NEW.track_key, NEW.member_id, NEW.score, NEW.updated_at
        WHERE NEW.track_key <> 0
        ON CONFLICT (guild_id, kind, target_id, member_id)
        DO UPDATE SET voice = excluded.voice, updated_at = excluded.updated_at;
    INSERT INTO voices (guild_id, kind, target_id, member_id, voice, updated_at)
        SELECT NEW.guild_id, 'drama', NEW.drama_id, NEW.member_id,
               CASE WHEN NEW.track_key = 0 THEN NEW.score ELSE
                   (SELECT COALESCE(MAX(CASE WHEN track_key = 0 THEN score END), AVG(score))
                    FROM reviews WHERE member_id = NEW.member_id AND guild_id = NEW.guild_id
                      AND drama_id = NEW.drama_id) END,
               NEW.updated_at
        WHERE true
        ON CONFLICT (guild_id, kind, target_id, member_id)
        DO UPDATE SET voice = excluded.voice, updated_at = excluded.updated_at;
END;

CREATE TRIGGER voices_count_delete AFTER DELETE ON voices BEGIN
    INSERT INTO score_totals (guild_id, kind, target_id, voices, total, total_sq,
                              h1, h2, h3, h4, h5, h6, h7, h8, h9, h10)
        SELECT g, OLD.kind, OLD.target_id, -1, -OLD.voice, -(OLD.voice * OLD.voice),
               -(b = 1), -(b = 2), -(b = 3), -(b = 4), -(b = 5),
               -(b = 6), -(b = 7), -(b = 8), -(b = 9), -(b = 10)
        FROM (SELECT OLD.guild_id AS g UNION ALL SELECT 0),
             (SELECT MIN(MAX(CAST(OLD.voice + 0.5 AS INTEGER), 1), 10) AS b)
        WHERE true
        ON CONFLICT (guild_id, kind, target_id) DO UPDATE SET
            voices = voices + excluded.voices, total = total + excluded.total,
            total_sq = total_sq + excluded.total_sq,
            h1 = h1 + excluded.h1, h2 = h2 + excluded.h2, h3 = h3 + excluded.h3,
            h4 = h4 + excluded.h4, h5 = h5 + excluded.h5, h6 = h6 + excluded.h6,
            h7 = h7 + excluded.h7, h8 = h8 + excluded.h8, h9 = h9 + excluded.h9,
            h10 = h10 + excluded.h10;
    -- An emptied target leaves no row behind (and no float dust in its sums).
    DELETE FROM score_totals WHERE guild_id IN (OLD.guild_id, 0) AND kind = OLD.kind
        AND target_id = OLD.target_id AND voices <= 0;
END;

CREATE TRIGGER voices_count_insert AFTER INSERT ON voices BEGIN
    INSERT INTO score_totals (guild_id, kind, target_id, voices, total, total_sq,
                              h1, h2, h3, h4, h5, h6, h7, h8, h9, h10)
        SELECT g, NEW.kind, NEW.target_id, 1, NEW.voice, NEW.voice * NEW.voice,
               b = 1, b = 2, b = 3, b = 4, b = 5, b = 6, b = 7, b = 8, b = 9, b = 10
        FROM (SELECT NEW.guild_id AS g UNION ALL SELECT 0),
             (SELECT MIN(MAX(CAST(NEW.voice + 0.5 AS INTEGER), 1), 10) AS b)
        WHERE true
        ON CONFLICT (guild_id, kind, target_id) DO UPDATE SET
            voices = voices + excluded.voices, total = total + excluded.total,
            total_sq = total_sq + excluded.total_sq,
            h1 = h1 + excluded.h1, h2 = h2 + excluded.h2, h3 = h3 + excluded.h3,
            h4 = h4 + excluded.h4, h5 = h5 + excluded.h5, h6 = h6 + excluded.h6,
            h7 = h7 + excluded.h7, h8 = h8 + excluded.h8, h9 = h9 + excluded.h9,
            h10 = h10 + excluded.h10;
END;

CREATE TRIGGER voices_count_update AFTER UPDATE OF voice ON voices
WHEN OLD.voice IS NOT NEW.voice BEGIN
    INSERT INTO score_totals (guild_id, kind, target_id, voices, total, total_sq,
                              h1, h2, h3, h4, h5, h6, h7, h8, h9, h10)
        SELECT g, NEW.kind, NEW.target_id, 0, -OLD.voice + NEW.voice,
               -(OLD.voice * OLD.voice) + NEW.voice * NEW.voice,
               (bn = 1) - (bo = 1), (bn = 2) - (bo = 2), (bn = 3) - (bo = 3),
               (bn = 4) - (bo = 4), (bn = 5) - (bo = 5), (bn = 6) - (bo = 6),
               (bn = 7) - (bo = 7), (bn = 8) - (bo = 8), (bn = 9) - (bo = 9),
               (bn = 10) - (bo = 10)
        FROM (SELECT NEW.guild_id AS g UNION ALL SELECT 0),
             (SELECT MIN(MAX(CAST(OLD.voice + 0.5 AS INTEGER), 1), 10) AS bo,
                     MIN(MAX(CAST(NEW.voice + 0.5 AS INTEGER), 1), 10) AS bn)
        WHERE true
        ON CONFLICT (guild_id, kind, target_id) DO UPDATE SET
            voices = voices + excluded.voices, total = total + excluded.total,
            total_sq = total_sq + excluded.total_sq,
            h1 = h1 + excluded.h1, h2 = h2 + excluded.h2, h3 = h3 + excluded.h3,
            h4 = h4 + excluded.h4, h5 = h5 + excluded.h5, h6 = h6 + excluded.h6,
            h7 = h7 + excluded.h7, h8 = h8 + excluded.h8, h9 = h9 + excluded.h9,
            h10 = h10 + excluded.h10;
    DELETE FROM score_totals WHERE guild_id IN (NEW.guild_id, 0) AND kind = NEW.kind
        AND target_id = NEW.target_id AND voices <= 0;
END;

-- Seconds to milliseconds, in place (INTEGER columns keep integers).
UPDATE polls SET created_at = created_at * 1000, closes_at = closes_at * 1000,
                 closed_at = closed_at * 1000, edited_at = edited_at * 1000;
UPDATE poll_votes SET voted_at = voted_at * 1000;
UPDATE weekly_jobs SET next_run = next_run * 1000, run_at = run_at * 1000,
                       lease_until = lease_until * 1000;
UPDATE nominations SET created_at = created_at * 1000;
UPDATE seen_interactions SET seen_at = seen_at * 1000;

-- Every time is now an integer, and every row copied still points at a row
-- that exists (CHECKs that fail the migration, and so roll it back, if not).
CREATE TEMP TABLE times_hold (problems INTEGER CHECK (problems = 0));
INSERT INTO times_hold SELECT COUNT(*) FROM reviews
    WHERE typeof(created_at) <> 'integer' OR typeof(updated_at) <> 'integer';
INSERT INTO times_hold SELECT COUNT(*) FROM review_history WHERE typeof(written_at) <> 'integer';
INSERT INTO times_hold SELECT COUNT(*) FROM voices WHERE typeof(updated_at) <> 'integer';
INSERT INTO times_hold SELECT COUNT(*) FROM review_removals WHERE typeof(removed_at) <> 'integer';
INSERT INTO times_hold SELECT COUNT(*) FROM review_removal_requests
    WHERE typeof(requested_at) <> 'integer';
INSERT INTO times_hold SELECT COUNT(*) FROM catalog_hidden WHERE typeof(hidden_at) <> 'integer';
INSERT INTO times_hold SELECT COUNT(*) FROM guild_settings WHERE typeof(updated_at) <> 'integer';
INSERT INTO times_hold SELECT COUNT(*) FROM pragma_foreign_key_check;
DROP TABLE times_hold;
