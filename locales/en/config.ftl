# Server settings (src/bot/commands/config.rs).

config-bad-candidates = Choose between 2 and 10 tracks.
config-choose-subcommand = Choose show, language, review-feed, poll-role, ping-role, weekly or reset.
config-language-name = language
config-language-description = The language of the server's channel posts (weekly poll, results, review feed)
config-language-option = The language
config-language-unknown = Choose one of the listed languages.
config-language-set = Channel posts in this server are now in { $language }.
config-review-feed-set = New reviews will be posted in { $channel }.
config-poll-role-set = Members with { $role } may now create polls.
config-poll-role-cleared = Only moderators may create polls now.
config-ping-role-set = { $role } will be pinged when the weekly poll opens.
config-ping-role-cleared = Nobody will be pinged when the weekly poll opens.
config-weekly-set = The weekly listening cycle runs every { $day } at { $time } ({ $timezone }) in { $channel }, { $candidates } candidates. Next run: { $next }.
config-reset-done = All settings are back to their defaults: the weekly cycle is off and the public pages are down. Open polls still close on time.
config-not-set = not set
config-title = ostbot settings
config-field-language = Language of channel posts
config-field-review-feed = Review feed
config-field-poll-role = Poll role
config-field-ping-role = Ping role
config-weekly-off = off
config-weekly-summary = every { $day } at { $time } ({ $timezone }) in { $channel }, { $candidates } candidates
config-field-weekly = Weekly cycle
config-field-problem = ⚠️ Problem
config-problem = The last post failed: { $problem }. Fix the channel's permissions or choose another channel.
weekday = { $day ->
    [0] Monday
    [1] Tuesday
    [2] Wednesday
    [3] Thursday
    [4] Friday
    [5] Saturday
   *[6] Sunday
}
