-- `/moderate remove-review` asks before it removes: the request (with the
-- moderator's reason, which would not fit in a button's id) waits here for
-- the same moderator's confirmation, for a day at most.
CREATE TABLE review_removal_requests (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id     INTEGER NOT NULL,
    review_id    INTEGER NOT NULL,
    moderator_id INTEGER NOT NULL,
    reason       TEXT,
    requested_at TEXT    NOT NULL
);
CREATE INDEX review_removal_requests_by_time ON review_removal_requests(requested_at);

-- Server-local catalog entries that moderators hid with `/catalog remove`:
-- out of search and autocomplete, while members' reviews of them stay (and
-- keep showing in /profile and /export). kind: 0 drama, 1 track.
CREATE TABLE catalog_hidden (
    kind      INTEGER NOT NULL,
    item_id   INTEGER NOT NULL,
    guild_id  INTEGER NOT NULL,
    hidden_by INTEGER NOT NULL,
    hidden_at TEXT    NOT NULL,
    PRIMARY KEY (kind, item_id)
);
