-- Reviews keep their history, voices and aggregates current in triggers, so
-- saving a review is one statement (one round trip) instead of a dozen.
-- The arithmetic is the one reviews::scores used: a delta per voice change,
-- applied to the server's row and to the all-servers row (guild_id = 0).

-- A replaced review goes to the history before it changes (BEFORE, so the
-- RETURNING clause of the saving upsert already counts it).
CREATE TRIGGER reviews_keep_history BEFORE UPDATE OF score, body, spoiler ON reviews BEGIN
    INSERT INTO review_history (review_id, score, body, spoiler, written_at)
        VALUES (OLD.id, OLD.score, OLD.body, OLD.spoiler, OLD.updated_at);
END;

-- A member's voice on a track is their score; on a drama, the review of the
-- whole OST, else the mean of their track reviews of it. Both carry the time
-- of the review that changed them.
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

-- Every voice change moves the aggregates of its server and of all servers.
-- Deltas are computed first and then added, as the Rust code did, so the
-- float sums stay identical.
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
