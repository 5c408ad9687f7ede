-- Numbers members see are never handed out twice. Without AUTOINCREMENT,
-- SQLite gives a new row the largest id + 1, so deleting review #2 (the
-- newest) made the next review #2 again, and an old button or a
-- `/moderate remove-review review:2` then named somebody else's review.
-- dramas, tracks, reviews and polls are rebuilt with AUTOINCREMENT, keeping
-- every row and its number.
--
-- sqlx runs a SQLite migration inside a transaction, where
-- `PRAGMA foreign_keys = OFF` is a no-op. With foreign keys on, dropping a
-- parent table deletes its rows first and so cascades into its children. So
-- the rows are copied aside, the tables are dropped children first (nothing
-- is left to cascade into), created again parents first, and filled again;
-- the triggers come back after the copy, so that refilling fires none of
-- them (voices and aggregates stay exactly as they were).

CREATE TEMP TABLE keep_dramas AS SELECT * FROM dramas;
CREATE TEMP TABLE keep_tracks AS SELECT * FROM tracks;
CREATE TEMP TABLE keep_reviews AS SELECT * FROM reviews;
CREATE TEMP TABLE keep_review_history AS SELECT * FROM review_history;
CREATE TEMP TABLE keep_polls AS SELECT * FROM polls;
CREATE TEMP TABLE keep_poll_options AS SELECT * FROM poll_options;
CREATE TEMP TABLE keep_poll_votes AS SELECT * FROM poll_votes;

-- Children first. Their triggers and indexes go with them.
DROP TABLE poll_votes;
DROP TABLE poll_options;
DROP TABLE polls;
DROP TABLE review_history;
DROP TABLE reviews;
DROP TABLE tracks;
DROP TABLE dramas;

-- The definitions of migrations 0001, 0004 and 0005, with AUTOINCREMENT.
CREATE TABLE dramas (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
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
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
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
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    UNIQUE (guild_id, drama_id, track_key, member_id)
);

CREATE TABLE review_history (
    id         INTEGER PRIMARY KEY,
    review_id  INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    score      INTEGER NOT NULL,
    body       TEXT,
    spoiler    INTEGER NOT NULL DEFAULT 0,
    written_at TEXT    NOT NULL
);

CREATE TABLE polls (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id        INTEGER NOT NULL,
    channel_id      INTEGER NOT NULL,
    message_id      INTEGER,                    -- the posted poll message, once posted
    creator_id      INTEGER NOT NULL,
    question        TEXT    NOT NULL,
    multi           INTEGER NOT NULL DEFAULT 0,
    anonymous       INTEGER NOT NULL DEFAULT 0,
    hide_results    INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    closes_at       INTEGER NOT NULL,           -- the durable deadline
    closed_at       INTEGER,
    weekly_cycle    INTEGER,                    -- set for the weekly listening poll
    results_pending INTEGER NOT NULL DEFAULT 0, -- closed, results post still owed
    results_message INTEGER,
    dirty           INTEGER NOT NULL DEFAULT 0, -- the posted message lags behind the votes
    edited_at       INTEGER NOT NULL DEFAULT 0, -- last edit of the posted message
    UNIQUE (guild_id, weekly_cycle)
);

CREATE TABLE poll_options (
    poll_id   INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position BETWEEN 0 AND 24),
    label     TEXT    NOT NULL,
    label_key TEXT    NOT NULL,                 -- normalized label: duplicates refused
    track_id  INTEGER,
    PRIMARY KEY (poll_id, position),
    UNIQUE (poll_id, label_key)
);

CREATE TABLE poll_votes (
    poll_id   INTEGER NOT NULL,
    member_id INTEGER NOT NULL,
    position  INTEGER NOT NULL,
    voted_at  INTEGER NOT NULL,
    PRIMARY KEY (poll_id, member_id, position),
    FOREIGN KEY (poll_id, position) REFERENCES poll_options(poll_id, position) ON DELETE CASCADE
);

-- Parents first, every column named (the copies keep the old order).
INSERT INTO dramas (id, scope, slug, title, title_ko, alt_titles, year, network, genres,
                    episodes, mdl_rating, mdl_votes, added_by)
    SELECT id, scope, slug, title, title_ko, alt_titles, year, network, genres,
           episodes, mdl_rating, mdl_votes, added_by FROM keep_dramas ORDER BY id;
INSERT INTO tracks (id, scope, slug, drama_id, title, title_ko, artist, artist_ko, ost_part,
                    year, album, links, verified, added_by)
    SELECT id, scope, slug, drama_id, title, title_ko, artist, artist_ko, ost_part,
           year, album, links, verified, added_by FROM keep_tracks ORDER BY id;
INSERT INTO reviews (id, guild_id, member_id, member_name, drama_id, track_key, score, body,
                     spoiler, created_at, updated_at)
    SELECT id, guild_id, member_id, member_name, drama_id, track_key, score, body,
           spoiler, created_at, updated_at FROM keep_reviews ORDER BY id;
INSERT INTO review_history (id, review_id, score, body, spoiler, written_at)
    SELECT id, review_id, score, body, spoiler, written_at FROM keep_review_history ORDER BY id;
INSERT INTO polls (id, guild_id, channel_id, message_id, creator_id, question, multi, anonymous,
                   hide_results, created_at, closes_at, closed_at, weekly_cycle,
                   results_pending, results_message, dirty, edited_at)
    SELECT id, guild_id, channel_id, message_id, creator_id, question, multi, anonymous,
           hide_results, created_at, closes_at, closed_at, weekly_cycle,
           results_pending, results_message, dirty, edited_at FROM keep_polls ORDER BY id;
INSERT INTO poll_options (poll_id, position, label, label_key, track_id)
    SELECT poll_id, position, label, label_key, track_id FROM keep_poll_options;
INSERT INTO poll_votes (poll_id, member_id, position, voted_at)
    SELECT poll_id, member_id, position, voted_at FROM keep_poll_votes;

DROP TABLE keep_poll_votes;
DROP TABLE keep_poll_options;
DROP TABLE keep_polls;
DROP TABLE keep_review_history;
DROP TABLE keep_reviews;
DROP TABLE keep_tracks;
DROP TABLE keep_dramas;

-- Numbers already shown whose row is gone (the newest review a moderator
-- removed, a weekly poll's record) are not handed out again either.
INSERT INTO sqlite_sequence (name, seq)
    SELECT t.name, 0 FROM (SELECT 'dramas' AS name UNION ALL SELECT 'tracks'
                           UNION ALL SELECT 'reviews' UNION ALL SELECT 'polls') AS t
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence s WHERE s.name = t.name);
UPDATE sqlite_sequence SET seq = MAX(seq,
        (SELECT COALESCE(MAX(review_id), 0) FROM review_removals))
    WHERE name = 'reviews';
UPDATE sqlite_sequence SET seq = MAX(seq,
        (SELECT COALESCE(MAX(drama_id), 0) FROM review_removals))
    WHERE name = 'dramas';
UPDATE sqlite_sequence SET seq = MAX(seq,
        (SELECT COALESCE(MAX(v), 0) FROM (
            SELECT MAX(track_id) AS v FROM nominations
            UNION ALL SELECT MAX(track_id) FROM weekly_winners
            UNION ALL SELECT MAX(track_key) FROM review_removals)))
    WHERE name = 'tracks';
UPDATE sqlite_sequence SET seq = MAX(seq,
        (SELECT COALESCE(MAX(v), 0) FROM (
            SELECT MAX(poll_id) AS v FROM weekly_winners
            UNION ALL SELECT MAX(open_poll) FROM weekly_jobs)))
    WHERE name = 'polls';

-- Indexes of migrations 0001, 0004, 0005 and 0009.
CREATE INDEX tracks_by_drama ON tracks(drama_id, ost_part);
CREATE INDEX dramas_by_title_ko ON dramas(title_ko);
CREATE INDEX reviews_by_member ON reviews(member_id, guild_id, drama_id);
CREATE INDEX reviews_by_guild_time ON reviews(guild_id, updated_at);
CREATE INDEX reviews_by_track ON reviews(guild_id, track_key, updated_at);
CREATE INDEX review_history_by_review ON review_history(review_id);
CREATE INDEX polls_open_by_deadline ON polls(closes_at) WHERE closed_at IS NULL;
CREATE INDEX polls_by_guild ON polls(guild_id, id);
CREATE INDEX poll_votes_by_option ON poll_votes(poll_id, position, voted_at, member_id);

-- Triggers of migrations 0004, 0007 and 0008 on the rebuilt tables, as they were.
CREATE TRIGGER reviews_follow_removed_track AFTER DELETE ON tracks BEGIN
    DELETE FROM reviews WHERE track_key = OLD.id AND drama_id = OLD.drama_id;
    DELETE FROM voices WHERE kind = 'track' AND target_id = OLD.id;
    DELETE FROM score_totals WHERE kind = 'track' AND target_id = OLD.id;
    DELETE FROM voices WHERE kind = 'drama' AND target_id = OLD.drama_id;
    INSERT INTO voices (guild_id, kind, target_id, member_id, voice, updated_at)
        SELECT guild_id, 'drama', drama_id, member_id,
               COALESCE(MAX(CASE WHEN track_key = 0 THEN score END), AVG(score)),
               MAX(updated_at)
        FROM reviews WHERE drama_id = OLD.drama_id GROUP BY guild_id, member_id;
    DELETE FROM score_totals WHERE kind = 'drama' AND target_id = OLD.drama_id;
    INSERT INTO score_totals (guild_id, kind, target_id, voices, total, total_sq,
                              h1, h2, h3, h4, h5, h6, h7, h8, h9, h10)
        SELECT g, 'drama', OLD.drama_id, COUNT(*), SUM(voice), SUM(voice * voice),
               SUM(b = 1), SUM(b = 2), SUM(b = 3), SUM(b = 4), SUM(b = 5),
               SUM(b = 6), SUM(b = 7), SUM(b = 8), SUM(b = 9), SUM(b = 10)
        FROM (SELECT guild_id AS g, voice, MIN(MAX(CAST(voice + 0.5 AS INTEGER), 1), 10) AS b
              FROM voices WHERE kind = 'drama' AND target_id = OLD.drama_id
              UNION ALL
              SELECT 0 AS g, voice, MIN(MAX(CAST(voice + 0.5 AS INTEGER), 1), 10) AS b
              FROM voices WHERE kind = 'drama' AND target_id = OLD.drama_id)
        GROUP BY g;
END;

CREATE TRIGGER reviews_follow_removed_drama AFTER DELETE ON dramas BEGIN
    DELETE FROM reviews WHERE drama_id = OLD.id;
    DELETE FROM voices WHERE kind = 'drama' AND target_id = OLD.id;
    DELETE FROM score_totals WHERE kind = 'drama' AND target_id = OLD.id;
END;

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

CREATE TRIGGER polls_close_anonymous AFTER UPDATE OF closed_at ON polls
WHEN NEW.anonymous AND OLD.closed_at IS NULL AND NEW.closed_at IS NOT NULL
BEGIN
    UPDATE poll_votes SET member_id = numbered.n
    FROM (SELECT member_id, -ROW_NUMBER() OVER (ORDER BY MIN(voted_at), member_id) AS n
          FROM poll_votes WHERE poll_id = NEW.id GROUP BY member_id) AS numbered
    WHERE poll_votes.poll_id = NEW.id AND poll_votes.member_id = numbered.member_id;
END;

-- Every row copied still points at a row that exists (a CHECK that fails the
-- migration, and so rolls it back, if one does not).
CREATE TEMP TABLE foreign_keys_hold (problems INTEGER CHECK (problems = 0));
INSERT INTO foreign_keys_hold SELECT COUNT(*) FROM pragma_foreign_key_check;
DROP TABLE foreign_keys_hold;
