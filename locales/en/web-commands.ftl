# /config web and /privacy web-name (src/bot/commands/config.rs, privacy.rs).

cmd-config-web = web
    .description = Publish this server's scores and listening club as web pages, or take them down
cmd-config-web-state = state
    .description = on: publish and get the link · off: take the pages down
cmd-choice-on = on
cmd-choice-off = off
cmd-privacy = privacy
    .description = What this server's public pages show of you
cmd-privacy-web-name = web-name
    .description = Show your name on your reviews on the server's public pages, or "a member"
cmd-privacy-state = state
    .description = on: show my name · off: "a member"
config-web-on = This server's pages are public: { $url }
    Anyone with the link can read the scores, reviews and the listening club. Reviewers appear as "a member" unless they choose otherwise with /privacy web-name. Turn the pages off with /config web off.
config-web-on-no-base = This server's pages are public at { $path } on the bot's web address (its operator has not set WEB_BASE_URL, so the bot cannot give the full link).
config-web-off = This server's pages are no longer public: the old link now answers "not found". Turning them on again gives a new link.
config-web-already-off = This server's pages are not public, so there was nothing to take down.
config-web-choose = Choose on or off.
config-field-web = Public pages
config-web-field-off = off (/config web on publishes them)
privacy-web-name-on = Your reviews on this server's public pages now show your name as it is on each review.
privacy-web-name-off = Your reviews on this server's public pages show "a member" again.
