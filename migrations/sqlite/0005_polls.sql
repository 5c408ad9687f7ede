-- Listening polls, their options and ballots; the weekly listening cycle.
-- Times are unix seconds (UTC), so "due" is a plain integer comparison.
CREATE TABLE polls (
    id              INTEGER PRIMARY KEY,
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
CREATE INDEX polls_open_by_deadline ON polls(closes_at) WHERE closed_at IS NULL;
CREATE INDEX polls_by_guild ON polls(guild_id, id);

CREATE TABLE poll_options (
    poll_id   INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position BETWEEN 0 AND 24),
    label     TEXT    NOT NULL,
    label_key TEXT    NOT NULL,                 -- normalized label: duplicates refused
    track_id  INTEGER,
    PRIMARY KEY (poll_id, position),
    UNIQUE (poll_id, label_key)
);

-- One ballot per member per poll: the rows of one member are the choices of that ballot.
CREATE TABLE poll_votes (
    poll_id   INTEGER NOT NULL,
    member_id INTEGER NOT NULL,
    position  INTEGER NOT NULL,
    voted_at  INTEGER NOT NULL,
    PRIMARY KEY (poll_id, member_id, position),
    FOREIGN KEY (poll_id, position) REFERENCES poll_options(poll_id, position) ON DELETE CASCADE
);

-- The weekly job of a server: one row, claimed and advanced in one statement.
CREATE TABLE weekly_jobs (
    guild_id     INTEGER PRIMARY KEY,
    next_run     INTEGER NOT NULL,              -- due when <= now
    cycle        INTEGER NOT NULL DEFAULT 1,    -- the cycle nominations currently go to
    run_cycle    INTEGER,                       -- the cycle being run, NULL when idle
    run_at       INTEGER,                       -- the scheduled time being run
    step         INTEGER NOT NULL DEFAULT 0,    -- progress within run_cycle
    open_poll    INTEGER                        -- the weekly poll members are voting in
);

CREATE TABLE nominations (
    guild_id   INTEGER NOT NULL,
    cycle      INTEGER NOT NULL,
    member_id  INTEGER NOT NULL,
    slot       INTEGER NOT NULL CHECK (slot BETWEEN 1 AND 3),
    track_id   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, cycle, member_id, slot),
    UNIQUE (guild_id, cycle, member_id, track_id)
);

-- What each weekly cycle chose, for "not featured in the last 8 weeks".
CREATE TABLE weekly_winners (
    guild_id  INTEGER NOT NULL,
    cycle     INTEGER NOT NULL,
    poll_id   INTEGER NOT NULL,
    track_id  INTEGER,
    label     TEXT    NOT NULL,
    PRIMARY KEY (guild_id, cycle)
);
