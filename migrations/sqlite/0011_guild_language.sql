-- The language of a server's channel posts (weekly announcements, poll
-- results, the review feed): chosen with /config language, else the
-- server's preferred locale as Discord last reported it, else English.
ALTER TABLE guild_settings ADD COLUMN language TEXT;      -- Discord code, e.g. ko, es-419
ALTER TABLE guild_settings ADD COLUMN guild_locale TEXT;  -- Discord's guild_locale, first seen
