SELECT choices, edit_claimed, labels FROM poll_vote($1, $2, $3, $4, $5, $6, $7)
