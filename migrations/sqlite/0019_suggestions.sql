-- Members' suggestions of tracks for their server's catalog, and the
-- moderators' decisions on them (`/suggest track`, `/catalog queue`).
-- Times are unix milliseconds (UTC).
CREATE TABLE suggestions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id      INTEGER NOT NULL,
    member_id     INTEGER NOT NULL,
    member_name   TEXT    NOT NULL,
    -- The member's Discord language, for the message that tells them.
    locale        TEXT    NOT NULL,
    -- An existing drama, or the title of one the catalog lacks.
    drama_id      INTEGER,
    drama_title   TEXT,
    title         TEXT    NOT NULL,
    singers       TEXT,
    ost_part      INTEGER,
    link          TEXT,
    notify_dm     INTEGER NOT NULL DEFAULT 0,
    state         TEXT    NOT NULL DEFAULT 'open'
                  CHECK (state IN ('open', 'approved', 'rejected')),
    created_at    INTEGER NOT NULL,
    decided_by    INTEGER,
    decided_name  TEXT,
    decided_at    INTEGER,
    reason        TEXT,
    -- The catalog entry an approval added.
    track_id      INTEGER,
    CHECK (drama_id IS NOT NULL OR drama_title IS NOT NULL)
);
CREATE INDEX suggestions_queue ON suggestions(guild_id, state, id);
CREATE INDEX suggestions_by_member ON suggestions(guild_id, member_id, id);

-- Where a server's new suggestions are posted for moderators
-- (`/config catalog-channel`); without one, the review feed's channel.
CREATE TABLE catalog_channels (
    guild_id   INTEGER PRIMARY KEY,
    channel_id INTEGER NOT NULL
);
