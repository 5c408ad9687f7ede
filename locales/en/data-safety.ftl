# Members' data kept safe: confirmations before removals, catalog entries
# that are never overwritten, reviews that keep their text.

safety-cancel = Cancel
safety-drama-exists = **{ $title }** is already in this server's catalog, and nothing was changed. To change its details, use `/catalog edit`.
safety-track-exists = **{ $title }** ({ $drama }) is already in this server's catalog, and nothing was changed. To change its details, use `/catalog edit`.
safety-shared-entry = That entry belongs to the shared catalog. Only entries this server added can be edited or removed.
safety-nothing-to-edit = Give at least one field to change, for example `title` or `year`.
safety-not-your-confirmation = Only the person who asked can answer this.
safety-confirmation-gone = This request has already been answered or has expired. Run the command again.
safety-catalog-edited = Updated **{ $entry }**. Fields you did not give are unchanged.

safety-review-text-kept = Your earlier text is kept. To remove it, review again with `text: -`.
safety-track-in-other-drama = That track is not from **{ $drama }**. Did you mean **{ $track }**?
safety-review-that-track = Review this track

safety-forget-prompt = This deletes, in every server and for good:
    • { $reviews ->
        [one] 1 review
       *[other] { $reviews } reviews
    } and { $versions ->
        [one] 1 earlier version
       *[other] { $versions } earlier versions
    }
    • your votes in { $ballots ->
        [one] 1 poll
       *[other] { $ballots } polls
    }
    • { $nominations ->
        [one] 1 weekly nomination
       *[other] { $nominations } weekly nominations
    }
    Community scores change accordingly. This cannot be undone.
safety-forget-done = Done. Deleted in every server: { $reviews ->
        [one] 1 review
       *[other] { $reviews } reviews
    } (with { $versions ->
        [one] 1 earlier version
       *[other] { $versions } earlier versions
    }), your votes in { $ballots ->
        [one] 1 poll
       *[other] { $ballots } polls
    } and { $nominations ->
        [one] 1 nomination
       *[other] { $nominations } nominations
    }.

safety-remove-review-prompt = Remove review **#{ $id }** by **{ $author }** of { $subject } ({ $score }/10)? The removal is recorded.
safety-remove-review-confirm = Remove the review
safety-remove-review-kept = The review was not removed.

safety-config-reset-prompt = Reset every setting of this server? The review feed, the suggestions channel, the roles and the weekly cycle are all turned off, and the public pages are taken down (turning them on again gives a new link). Open polls still close on time.
safety-config-reset-confirm = Reset everything
safety-config-reset-kept = Nothing was changed.

safety-remove-entry-prompt = Members' data is attached to **{ $entry }**: { $reviews ->
        [one] 1 review
       *[other] { $reviews } reviews
    }, { $options ->
        [one] 1 poll option
       *[other] { $options } poll options
    } and { $nominations ->
        [one] 1 nomination
       *[other] { $nominations } nominations
    }.
    To take it out of search and keep all of that (reviews still show in profiles and exports), choose **Hide**. **Delete** removes it together with its reviews, for good.
safety-remove-entry-hide = Hide it, keep the reviews
safety-remove-entry-purge = Delete it and its reviews
safety-remove-entry-kept = Nothing was removed.
safety-remove-entry-hidden = The entry is hidden from search. Members' reviews of it are kept.
safety-remove-entry-purged = The entry and everything attached to it are deleted.
