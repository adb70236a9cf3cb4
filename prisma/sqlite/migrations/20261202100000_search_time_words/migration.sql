-- Nothing to do on SQLite: its FTS5 table ("ProposalSearch") is read newest first and stops at the
-- search's cap, so it needs no window of recent rows. PostgreSQL's migration of the same name adds time
-- words to its search index (lib/proposals/search-time-words.ts).
SELECT 1;
