-- The queue search's GIN index holds, beside a proposal's words ("searchText"), three words naming when
-- it was created: its hour since 1970 (UTC, as stored), its 16-hour and its 256-hour block
-- (lib/proposals/search-time-words.ts, which repeats this expression: a query must spell it the same to
-- use the index). A search for words in some thousands of rows asks for its matches among the newest
-- rows (search-proposals.ts, recentWordMatches); with the window as an OR of time words in the same GIN
-- lookup, PostgreSQL no longer builds a bitmap of the whole window from the (createdAt, id) btree (160,000
-- entries for `ops12@company.com` at a million, about half the search's time; docs/benchmarks.md,
-- "The text search's window in the GIN index"). The words begin with "~", which typed text never holds
-- (it is split on anything but letters and digits), so they never match what an operator types. An
-- index on an expression, not a new column: the table is not rewritten. It replaces the index on
-- "searchText" alone (every search reads this one). At a million proposals: about a minute to build,
-- and ANALYZE (which gathers the expression's word statistics the planner needs) some seconds. SQLite's
-- migration of the same name does nothing: its FTS5 table is searched newest first and stops at the cap.
CREATE INDEX "Proposal_searchWindow_idx" ON "Proposal" USING GIN (("searchText" || array_to_tsvector(ARRAY[
  '~0.' || (floor(extract(epoch from "createdAt") / 3600))::bigint::text,
  '~1.' || (floor(extract(epoch from "createdAt") / 57600))::bigint::text,
  '~2.' || (floor(extract(epoch from "createdAt") / 921600))::bigint::text])));

DROP INDEX "Proposal_searchText_idx";

ANALYZE "Proposal";
