WITH t AS (SELECT voices, total, total_sq, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10
           FROM score_totals WHERE guild_id = $1 AND kind = $2 AND target_id = $3)
SELECT t.*, (SELECT AVG(voice) FROM (SELECT voice FROM voices
        WHERE guild_id = $1 AND kind = $2 AND target_id = $3 ORDER BY voice
        LIMIT 2 - (SELECT voices FROM t) % 2 OFFSET ((SELECT voices FROM t) - 1) / 2)
        AS middle)
    AS median
FROM t
