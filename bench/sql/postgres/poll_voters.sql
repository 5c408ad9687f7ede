SELECT v.position, v.member_id
FROM poll_options o CROSS JOIN LATERAL (
    SELECT position, member_id, voted_at FROM poll_votes
    WHERE poll_id = o.poll_id AND position = o.position
    ORDER BY voted_at, member_id LIMIT $2) AS v
WHERE o.poll_id = $1
ORDER BY v.position, v.voted_at, v.member_id
