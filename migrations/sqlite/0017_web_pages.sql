-- A server's public pages (`/config web on`). The slug is the address's
-- only secret: turning the pages off deletes the row, so the old address
-- answers 404 and turning them on again draws a new slug.
CREATE TABLE web_pages (
    guild_id INTEGER PRIMARY KEY,
    slug     TEXT    NOT NULL UNIQUE
);

-- Members who chose to be named on their server's pages
-- (`/privacy web-name on`); everyone else is "a member" there.
CREATE TABLE web_names (
    guild_id  INTEGER NOT NULL,
    member_id INTEGER NOT NULL,
    PRIMARY KEY (guild_id, member_id)
) WITHOUT ROWID;

CREATE INDEX web_names_by_member ON web_names(member_id);
