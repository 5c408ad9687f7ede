SELECT position, COUNT(*) FROM poll_votes WHERE poll_id = $1 GROUP BY position
UNION ALL
SELECT -1, COUNT(*) FROM (
    SELECT 1 FROM poll_votes WHERE poll_id = $1 AND $2 GROUP BY member_id) AS voters
