WITH changed AS (
    UPDATE reviews SET score = $6, body = $7, spoiler = $8, member_name = $3,
           updated_at = $9
    WHERE guild_id = $1 AND drama_id = $4 AND track_key = $5 AND member_id = $2
    RETURNING id, guild_id, member_id, member_name, drama_id, track_key, score, body,
        spoiler, created_at, updated_at, review_edits(id) AS edits),
added AS (
    INSERT INTO reviews (guild_id, member_id, member_name, drama_id, track_key,
        score, body, spoiler, created_at, updated_at)
    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $9 WHERE NOT EXISTS (SELECT 1 FROM changed)
    ON CONFLICT (guild_id, drama_id, track_key, member_id) DO UPDATE SET
        score = excluded.score, body = excluded.body, spoiler = excluded.spoiler,
        member_name = excluded.member_name, updated_at = excluded.updated_at
    RETURNING id, guild_id, member_id, member_name, drama_id, track_key, score, body,
        spoiler, created_at, updated_at, review_edits(reviews.id) AS edits)
SELECT * FROM changed UNION ALL SELECT * FROM added
