-- Interactions already taken, so that one delivered twice (a gateway resume
-- re-sending a dispatch, a captured HTTP request replayed inside the
-- signature window) is handled once, whichever process sharing this
-- database receives the copy. Rows older than twice the replay window are
-- pruned: by then no copy of the interaction can be accepted any more.
CREATE TABLE seen_interactions (
    id      INTEGER PRIMARY KEY,   -- Discord's interaction id
    seen_at INTEGER NOT NULL       -- unix seconds of the first delivery
);
CREATE INDEX seen_interactions_by_time ON seen_interactions(seen_at);
