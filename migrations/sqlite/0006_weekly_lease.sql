-- A weekly run in progress belongs to the process that claimed it until its
-- lease ends. A second process on the same database leaves it alone; after a
-- crash, the lease runs out and any process resumes the run at its step.
ALTER TABLE weekly_jobs ADD COLUMN lease_until INTEGER;
