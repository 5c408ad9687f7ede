# Polls (crates/core/src/polls, src/bot/commands/poll.rs, src/bot/poll_view.rs).

poll-error-empty-question = The question cannot be empty.
poll-error-too-few-options = A poll needs at least { $min } options.
poll-error-too-many-options = A poll can have at most { $max } options.
poll-error-empty-option = An option cannot be empty.
poll-error-listed-twice = “{ $option }” is listed twice.
poll-error-already-an-option = “{ $option }” is already an option.
poll-error-bad-duration = Write the duration like 3d, 12h, 90m or 1d12h.
poll-error-duration-too-short = A poll must run for at least one minute.
poll-error-duration-too-long = A poll can run for at most { $days } days.
poll-error-options-locked = Options can only be added to an open poll before its first vote.
poll-error-no-such-poll = There is no poll #{ $poll }.
poll-error-not-an-option = That is not an option of this poll.
poll-error-closed = Poll #{ $poll } is closed.
poll-error-no-weekly-cycle = This server has no weekly listening cycle yet (moderators: /config weekly).
poll-error-already-nominated = You already nominated that track this week.
poll-error-too-many-nominations = You can nominate { $max } tracks a week.
poll-choose-subcommand = Choose create, add, close, results or list.
poll-create-needs-role = Only moderators and members with the poll role can create polls.
poll-creator-only = Only the poll's creator or a moderator can do that.
poll-give-number = Give the poll's number.
poll-already-closed = Poll #{ $poll } is already closed.
poll-number = Poll #{ $poll }
poll-mode-multi = multiple choice
poll-mode-anonymous = anonymous
poll-mode-hidden = results hidden until close
poll-voters = 👥 { $voters ->
    [one] one member voted
   *[other] { $voters } members voted
}
poll-results-hidden = 🙈 Results are hidden until the poll closes
poll-closes = ⏰ Closes { $when }
poll-closed = 🔒 Closed
poll-choose-several = Choose one or more
poll-choose-one = Choose one
poll-no-votes = Nobody voted.
poll-winner = 🏆 Winner: { $option }
poll-tie = 🤝 It's a tie between { $options }
poll-results-title = 📊 Results: { $question }
poll-created = Poll #{ $poll } is up. It closes { $closes }.
poll-option-added = Added option { $n } to poll #{ $poll }: **{ $option }**.
poll-closed-now = Closed poll #{ $poll }; the results are posted.
poll-results-hidden-until = The results of poll #{ $poll } are hidden until it closes { $closes }.
poll-still-open = Poll #{ $poll } is still open; it closes { $closes }.
poll-list-empty = No polls in this server yet. Start one with /poll create.
poll-list-title = Polls in this server
poll-list-open = Open
poll-list-closed = Recently closed
poll-vote-withdrawn = You withdrew your vote in poll #{ $poll }.
poll-voted = You voted for { $options }. You can change your vote until the poll closes.
