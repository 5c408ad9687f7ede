-- An owed results post belongs to the process that claimed it until its
-- lease ends: two processes on one database never both post it, and after
-- a crash mid-post any process posts it once the lease has run out.
ALTER TABLE polls ADD COLUMN results_lease_until INTEGER;
