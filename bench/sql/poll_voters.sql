SELECT v.position, v.member_id
FROM poll_options o JOIN poll_votes v ON v.rowid IN (
    SELECT rowid FROM poll_votes
    WHERE poll_id = o.poll_id AND position = o.position
    ORDER BY voted_at, member_id LIMIT ?2)
WHERE o.poll_id = ?1
ORDER BY v.position, v.voted_at, v.member_id
