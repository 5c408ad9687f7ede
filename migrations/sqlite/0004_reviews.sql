-- Member reviews and the community scores kept current beside them.

-- The current review of one member for one target in one server.
-- track_key = 0 reviews the drama's OST as a whole, otherwise it is the track id
-- (a NULL would not take part in the UNIQUE constraint).
CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
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
CREATE INDEX reviews_by_member ON reviews(member_id, guild_id, drama_id);
CREATE INDEX reviews_by_guild_time ON reviews(guild_id, updated_at);
CREATE INDEX reviews_by_track ON reviews(guild_id, track_key, updated_at);

-- Earlier versions of a review, kept when it is replaced.
CREATE TABLE review_history (
    id         INTEGER PRIMARY KEY,
    review_id  INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    score      INTEGER NOT NULL,
    body       TEXT,
    spoiler    INTEGER NOT NULL DEFAULT 0,
    written_at TEXT    NOT NULL
);
CREATE INDEX review_history_by_review ON review_history(review_id);

-- Reviews that moderators removed: who, when, and what it was about.
CREATE TABLE review_removals (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    review_id   INTEGER NOT NULL,
    member_id   INTEGER,          -- NULL once the author used /forget-me
    drama_id    INTEGER NOT NULL,
    track_key   INTEGER NOT NULL,
    score       INTEGER NOT NULL,
    removed_by  INTEGER NOT NULL,
    removed_at  TEXT    NOT NULL,
    reason      TEXT
);
CREATE INDEX review_removals_by_guild ON review_removals(guild_id, removed_at);

-- One voice per member and target: for a track, the member's score; for a
-- drama, the review of the whole OST, else the mean of the member's track
-- reviews of that drama. kind: 'drama' or 'track'.
CREATE TABLE voices (
    guild_id   INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    target_id  INTEGER NOT NULL,
    member_id  INTEGER NOT NULL,
    voice      REAL    NOT NULL,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (guild_id, kind, target_id, member_id)
) WITHOUT ROWID;
-- Answers the median by skipping half the voices of one target in order.
CREATE INDEX voices_ordered ON voices(guild_id, kind, target_id, voice);
CREATE INDEX voices_across_servers ON voices(kind, target_id, voice);
CREATE INDEX voices_by_time ON voices(guild_id, kind, updated_at);

-- Aggregates per server (guild_id) and across all servers (guild_id = 0),
-- updated in the transaction that changes a voice.
CREATE TABLE score_totals (
    guild_id  INTEGER NOT NULL,
    kind      TEXT    NOT NULL,
    target_id INTEGER NOT NULL,
    voices    INTEGER NOT NULL DEFAULT 0,
    total     REAL    NOT NULL DEFAULT 0,
    total_sq  REAL    NOT NULL DEFAULT 0,
    h1 INTEGER NOT NULL DEFAULT 0, h2 INTEGER NOT NULL DEFAULT 0,
    h3 INTEGER NOT NULL DEFAULT 0, h4 INTEGER NOT NULL DEFAULT 0,
    h5 INTEGER NOT NULL DEFAULT 0, h6 INTEGER NOT NULL DEFAULT 0,
    h7 INTEGER NOT NULL DEFAULT 0, h8 INTEGER NOT NULL DEFAULT 0,
    h9 INTEGER NOT NULL DEFAULT 0, h10 INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, kind, target_id)
) WITHOUT ROWID;
CREATE INDEX score_totals_ranked ON score_totals(guild_id, kind, voices);

-- A catalog entry that its server's moderators remove takes its reviews and
-- scores with it; the drama's voices and aggregates are recounted from the
-- reviews that remain (a track review may have fed a member's drama voice).
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
