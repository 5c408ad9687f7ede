WITH asked AS (
    SELECT p.id, p.multi, p.message_id, p.edited_at,
        (SELECT IFNULL(SUM(1 << position), 0) FROM poll_votes
          WHERE poll_id = p.id AND member_id = ?4) AS current,
        (SELECT SUM(1 << position) FROM poll_options WHERE poll_id = p.id) AS valid
    FROM polls p
    WHERE p.id = ?1 AND p.guild_id = ?2 AND p.closed_at IS NULL AND p.closes_at > ?3
), ballot AS (
    SELECT *, CASE WHEN ?6 AND multi THEN (current | ?5) & ~(current & ?5)
                   ELSE ?5 END AS choices
    FROM asked
)
INSERT INTO poll_ballots (poll_id, member_id, choices, voted_at, claim_edit)
SELECT id, ?4, choices, ?3, message_id IS NOT NULL AND edited_at <= ?3 - ?7
FROM ballot
WHERE choices & ~valid = 0 AND (multi OR choices & (choices - 1) = 0)
RETURNING choices, claim_edit,
    (SELECT json_group_array(label) FROM (
        SELECT label FROM poll_options
        WHERE poll_id = ?1 AND (choices >> position) & 1 ORDER BY position))
