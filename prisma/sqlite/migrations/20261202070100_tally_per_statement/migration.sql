-- Nothing to do on SQLite, which has only row triggers (its tally triggers stay as in `queue_tally`).
-- PostgreSQL's migration of the same name sums a statement's rows per key in one trigger call.
SELECT 1;
