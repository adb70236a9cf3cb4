-- CreateIndex
CREATE INDEX "Proposal_createdAt_id_idx" ON "Proposal"("createdAt", "id");

-- DropIndex (replaced: the look-alike groups read the expiry and the first item from the index alone)
DROP INDEX "Proposal_status_shapeKey_idx";

-- CreateIndex
CREATE INDEX "Proposal_look_alike_groups_idx" ON "Proposal"("status", "shapeKey", "createdAt", "expiresAt", "queueId", "agentId");

-- The queue's text search (lib/proposals/search-proposals.ts): an FTS5 index of
-- the words an operator types (title, intent, acting-for email and name,
-- summary), one document per proposal keyed by the proposal's rowid.
-- Contentless: the text lives in "Proposal"; the triggers keep it in sync, so
-- every writer (intake, edits, the demo seed, bulk fills) is indexed.
-- Case-folded, accents kept, split on anything but letters and digits (as the
-- PostgreSQL side does).
CREATE VIRTUAL TABLE "ProposalSearch" USING fts5("body", content = '', tokenize = 'unicode61 remove_diacritics 0');

-- Backfill: every existing proposal.
INSERT INTO "ProposalSearch" ("rowid", "body")
SELECT "rowid", "title" || ' ' || "intent" || ' ' || coalesce("actorEmail", '') || ' ' || coalesce("actorName", '') || ' ' || coalesce("summary", '') FROM "Proposal";

CREATE TRIGGER "Proposal_search_insert" AFTER INSERT ON "Proposal" BEGIN
  INSERT INTO "ProposalSearch" ("rowid", "body")
  VALUES (new."rowid", new."title" || ' ' || new."intent" || ' ' || coalesce(new."actorEmail", '') || ' ' || coalesce(new."actorName", '') || ' ' || coalesce(new."summary", ''));
END;

-- A contentless table forgets a document by being told its old text.
CREATE TRIGGER "Proposal_search_delete" AFTER DELETE ON "Proposal" BEGIN
  INSERT INTO "ProposalSearch" ("ProposalSearch", "rowid", "body")
  VALUES ('delete', old."rowid", old."title" || ' ' || old."intent" || ' ' || coalesce(old."actorEmail", '') || ' ' || coalesce(old."actorName", '') || ' ' || coalesce(old."summary", ''));
END;

CREATE TRIGGER "Proposal_search_update" AFTER UPDATE OF "title", "intent", "actorEmail", "actorName", "summary" ON "Proposal" BEGIN
  INSERT INTO "ProposalSearch" ("ProposalSearch", "rowid", "body")
  VALUES ('delete', old."rowid", old."title" || ' ' || old."intent" || ' ' || coalesce(old."actorEmail", '') || ' ' || coalesce(old."actorName", '') || ' ' || coalesce(old."summary", ''));
  INSERT INTO "ProposalSearch" ("rowid", "body")
  VALUES (new."rowid", new."title" || ' ' || new."intent" || ' ' || coalesce(new."actorEmail", '') || ' ' || coalesce(new."actorName", '') || ' ' || coalesce(new."summary", ''));
END;

-- Planner statistics for the new indexes: on a database analyzed before, an index without them
-- looks highly selective to SQLite, which then read every pending row for the first queue page.
ANALYZE "Proposal";
