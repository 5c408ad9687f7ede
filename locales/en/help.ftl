# /help (src/bot/commands/help.rs). Command names come from the command definitions.

help-title = ostbot — K-drama OSTs, together
help-intro = Look up K-drama soundtracks in English, Korean or romanized spelling.
help-track = look up an OST track: title, Korean title, romanized, artist — typos are fine
help-drama = a drama and its OST tracklist
help-catalog = moderators: add this server's own dramas and tracks, import a CSV/JSON file or a whole OST from MusicBrainz (/catalog fetch), remove them
help-review = score a drama's OST or one track from 1 to 10, with optional text (or press Review on a card)
help-reviews = read this server's reviews of a drama, a track or by a member
help-leaderboard = top dramas or tracks by community score. The score is a weighted mean, (v·R + m·C) / (v + m): R is the title's mean, v its number of reviews, C the mean of all titles, and m the server's minimum voices (5 unless changed), so a title with few reviews stays close to the overall mean
help-profile = a member's reviews, mean score and favourites
help-forget-me = delete all your reviews in every server
help-privacy = choose whether this server's public pages show your name on your reviews, or "a member"
help-moderate = moderators: remove a review (recorded)
help-export = moderators: download the server's reviews as CSV
help-poll = listening polls: create (tracks or free text), vote with buttons, close, results, list
help-nominate = put a track forward for the weekly listening poll (3 a week)
help-config = moderators: the server's language, review feed, poll and ping roles, the weekly listening cycle
help-help = this message
