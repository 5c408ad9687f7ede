-- Votes and closes at community scale.

-- Tallies (counts per option) and the voters a results post shows (the
-- first few per option, in voting order) read this index and nothing else.
CREATE INDEX poll_votes_by_option ON poll_votes(poll_id, position, voted_at, member_id);

-- A member's ballot in one poll: bit n of `choices` is set when option n is
-- chosen. Casting a vote is one INSERT into this view, whose trigger
-- replaces the member's rows in poll_votes and, in the same statement,
-- either claims the edit of the poll message (`claim_edit` true: the caller
-- edits it now) or marks the message as lagging behind for the scheduler's
-- coalesced edit. `claim_edit` is always 0 when read.
CREATE VIEW poll_ballots AS
    SELECT poll_id, member_id, SUM(1 << position) AS choices, MAX(voted_at) AS voted_at,
           0 AS claim_edit
    FROM poll_votes
    GROUP BY poll_id, member_id;

CREATE TRIGGER poll_ballots_cast INSTEAD OF INSERT ON poll_ballots
BEGIN
    DELETE FROM poll_votes WHERE poll_id = NEW.poll_id AND member_id = NEW.member_id;
    INSERT INTO poll_votes (poll_id, member_id, position, voted_at)
        SELECT NEW.poll_id, NEW.member_id, position, NEW.voted_at
        FROM poll_options
        WHERE poll_id = NEW.poll_id AND (NEW.choices >> position) & 1;
    UPDATE polls
       SET dirty = NOT NEW.claim_edit,
           edited_at = CASE WHEN NEW.claim_edit THEN NEW.voted_at ELSE edited_at END
     WHERE id = NEW.poll_id;
END;

-- An anonymous ballot needs its member only while it can change: the
-- statement that closes a poll also turns its members into numbers (in
-- voting order), so nobody can tell who voted what.
CREATE TRIGGER polls_close_anonymous AFTER UPDATE OF closed_at ON polls
WHEN NEW.anonymous AND OLD.closed_at IS NULL AND NEW.closed_at IS NOT NULL
BEGIN
    UPDATE poll_votes SET member_id = numbered.n
    FROM (SELECT member_id, -ROW_NUMBER() OVER (ORDER BY MIN(voted_at), member_id) AS n
          FROM poll_votes WHERE poll_id = NEW.id GROUP BY member_id) AS numbered
    WHERE poll_votes.poll_id = NEW.id AND poll_votes.member_id = numbered.member_id;
END;
