WITH s AS NOT MATERIALIZED (SELECT target_id, voices, total FROM score_totals
          WHERE guild_id = $1 AND kind = $2),
     c AS MATERIALIZED (SELECT SUM(total) / SUM(voices) AS mean FROM s),
     r AS NOT MATERIALIZED (
         SELECT s.target_id, s.voices, s.total FROM s JOIN dramas d ON d.id = s.target_id
         WHERE +s.voices >= $4 AND d.scope = 0
           AND ($5 IS NULL OR d.year = $5)
           AND ($6 IS NULL OR EXISTS (SELECT 1 FROM json_array_elements_text(CAST(d.genres AS json)) AS genre
                     WHERE lower(genre) = lower($6))))
SELECT r.target_id, r.voices, r.total, c.mean AS server_mean,
       (SELECT COUNT(*) FROM r) AS matching
FROM r, c
ORDER BY (r.total + $7 * c.mean) / (r.voices + $7) DESC, r.voices DESC, r.target_id
LIMIT $8 OFFSET $9
