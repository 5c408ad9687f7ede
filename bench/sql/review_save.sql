INSERT INTO reviews (guild_id, member_id, member_name, drama_id, track_key,
    score, body, spoiler, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
ON CONFLICT (guild_id, drama_id, track_key, member_id) DO UPDATE SET
    score = excluded.score, body = excluded.body, spoiler = excluded.spoiler,
    member_name = excluded.member_name, updated_at = excluded.updated_at
RETURNING id, guild_id, member_id, member_name, drama_id, track_key, score, body,
    spoiler, created_at, updated_at,
    (SELECT COUNT(*) FROM review_history h WHERE h.review_id = reviews.id) AS edits
