# The public pages (src/web/).

web-site-name = OST club
web-description = Community scores, reviews and the weekly listening club of a K-drama OST server.
web-nav-label = Pages
web-nav-home = Home
web-nav-dramas = Top dramas
web-nav-tracks = Top tracks
web-nav-club = Listening club
web-skip = Skip to the content
web-footer = Scores and reviews by this server's members. Reviewers are shown as "a member" unless they chose to be named.
web-language = Language
web-not-found-title = Page not found
web-not-found = This page does not exist, or the server no longer publishes its pages.
web-home-title = Our OST scores
web-this-week = Listening club
web-club-all = Every week of the club
web-top-dramas = Best-loved dramas
web-top-tracks = Best-loved tracks
web-no-scores = Nothing is scored yet.
web-see-ranking = The whole ranking
web-recent-reviews = Newest reviews
web-no-reviews = No reviews yet. Write the first with /review in Discord.
web-score = { $mean } / 10 from { $voices ->
    [one] one voice
   *[other] { $voices } voices
}
web-author-anonymous = A member
web-review-score = gave it { $score }/10
web-spoiler = Contains spoilers: show
web-community-score = Community score
web-drama-unscored = Nobody here has scored this OST yet.
web-ost = The OST
web-ost-empty = No tracks of this OST are in the catalog yet.
web-top-reviews = Top reviews
web-histogram-alt = Voices per score: { $counts }
web-voices = Voices
web-mean = Mean
web-median = Median
web-spread = Spread
web-spread-value = ± { $spread }
web-part = Part { $part }
web-part-none = Other tracks
web-period = Period
web-period-all = All time
web-period-year = This year
web-period-30d = Last 30 days
web-genre = Genre
web-genre-any = any genre
web-filter = Show
web-ranking-empty = Nothing is ranked for these choices yet.
web-pages = Pages of the list
web-previous = Previous
web-next = Next
web-page-of = Page { $page } of { $pages }
web-ranking-rule = Ranked by score, with titles that have few reviews pulled toward the average of all titles, as if each had { $m } more average reviews.
web-votes = { $votes ->
    [one] one vote
   *[other] { $votes } votes
}
web-votes-alt = Votes per option: { $counts }
web-poll-open = Voting is open in Discord until { $closes }.
web-poll-hidden = The counts stay hidden until the poll closes.
web-club-winner = Winner
web-club-title = Listening club archive
web-club-empty = No week of the club has ended yet.
web-week-of = Week of { $date }
web-week-votes = Votes per track
web-option = Track
web-votes-heading = Votes
