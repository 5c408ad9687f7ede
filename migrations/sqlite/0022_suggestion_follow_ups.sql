-- The token of a member's `/suggest track` interaction, kept for as long as
-- Discord accepts follow-ups on it (15 minutes), so that a decision inside
-- that time tells the member in an ephemeral follow-up. A member who asked
-- for a DM gets the DM instead; later decisions show in `/suggest mine`.
-- A row goes when it is used or has expired.
CREATE TABLE suggestion_follow_ups (
    suggestion_id  INTEGER PRIMARY KEY REFERENCES suggestions(id) ON DELETE CASCADE,
    -- Follow-ups are addressed by the application and the interaction's token.
    application_id INTEGER NOT NULL,
    token          TEXT    NOT NULL,
    expires_at     INTEGER NOT NULL
);
