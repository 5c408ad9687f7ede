-- Per-server configuration that moderators set with /config.
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
    updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
