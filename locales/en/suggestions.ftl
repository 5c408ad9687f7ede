# Members' suggestions and the moderators' queue (src/bot/commands/suggest.rs).

cmd-suggest = suggest
    .description = Suggest a track for this server's catalog, or see your suggestions
cmd-suggest-track = track
    .description = Suggest a track the catalog lacks; moderators decide
cmd-suggest-drama = drama
    .description = The drama (pick one, or type the title of one the catalog lacks)
cmd-suggest-title = title
    .description = The track's title
cmd-suggest-singers = singers
    .description = Who sings it (several: separate them with commas)
cmd-suggest-part = part
    .description = The OST part number
cmd-suggest-link = link
    .description = A link to listen (https://)
cmd-suggest-dm = dm
    .description = Tell me by direct message when moderators decide
cmd-suggest-mine = mine
    .description = Your suggestions in this server and what became of them
cmd-catalog-queue = queue
    .description = Members' open suggestions: approve, edit or reject them
cmd-config-catalog-channel = catalog-channel
    .description = Where members' new suggestions are posted for moderators
cmd-config-catalog-channel-channel = channel
    .description = The channel for new suggestions
help-suggest = suggest a track for the server's catalog; moderators approve it from /catalog queue
suggest-new-drama-choice = New drama: { $title }
suggest-exists = The catalog has this track already:
suggest-stored = Thanks! Suggestion #{ $id }, **{ $title }** ({ $drama }), waits for the moderators. You have { $open } of { $max } suggestions open.
suggest-mine-empty = You have not suggested anything in this server yet. Try /suggest track.
suggest-mine-title = Your suggestions
suggest-state-open = waiting
suggest-state-approved = approved
suggest-state-rejected = turned down
suggest-new-drama = { $title } (new drama)
suggest-embed-title = Suggestion #{ $id }: { $title }
suggest-field-drama = Drama
suggest-field-title = Title
suggest-field-singers = Singers
suggest-field-part = OST part
suggest-field-link = Link
suggest-field-by = Suggested by
suggest-field-decision = Decision
suggest-decided = { $state ->
    [approved] Approved
   *[rejected] Turned down
} by { $name }, { $date }
suggest-approve = Approve
suggest-edit = Edit
suggest-reject = Reject
suggest-queue-empty = No suggestion is waiting. Members suggest tracks with /suggest track.
suggest-queue-footer = Suggestion { $page } of { $pages } waiting
suggest-approved = Approved: **{ $title }** is in this server's catalog now ({ $drama }).
suggest-rejected = Turned down: **{ $title }**.
suggest-edited = Suggestion #{ $id } is changed; it still waits for a decision.
suggest-reject-reason = Why (optional; the member sees it)
suggest-reject-form = Turn down suggestion #{ $id }
suggest-edit-form = Edit suggestion #{ $id }
suggest-bad-part = The OST part is a number from 0 to 100.
suggest-dm-approved = Your suggestion **{ $title }** was approved: it is in the server's catalog now.
suggest-dm-rejected = Your suggestion **{ $title }** was turned down.
suggest-dm-rejected-because = Your suggestion **{ $title }** was turned down: { $reason }
config-catalog-channel-set = Members' new suggestions will be posted in { $channel }.
suggest-error-no-drama = Choose a drama from the list, or type the title of a drama the catalog lacks.
suggest-error-too-many-open = You have { $open } suggestions waiting already. Suggest more once moderators have decided on some.
suggest-error-paused = Your last { $times } suggestions were turned down, so you can suggest again { $until }.
suggest-error-already-suggested = This track is suggested already (#{ $id }) and waits for the moderators.
suggest-error-no-such = This server has no suggestion #{ $id }.
suggest-error-decided = This suggestion is decided already: { $state ->
    [approved] approved
   *[rejected] turned down
} by { $name }, { $date }.

# `ostbot suggestions export` (operators).
suggestions-exported = Wrote { $tracks } tracks and { $dramas } dramas to { $file }. Import it with: ostbot import { $file }
suggestions-exported-with-dramas = Wrote { $tracks } tracks to { $file } and { $dramas } dramas to { $dramas_file }. Import the dramas first: ostbot import { $dramas_file }, then ostbot import { $file }
config-field-catalog-channel = Suggestions channel
config-catalog-channel-unset = not set: suggestions go to the review feed
