-- CreateIndex
CREATE INDEX "Proposal_createdAt_id_idx" ON "Proposal"("createdAt", "id");

-- DropIndex (replaced: the look-alike groups read the expiry and the first item from the index alone)
DROP INDEX "Proposal_status_shapeKey_idx";

-- CreateIndex
CREATE INDEX "Proposal_look_alike_groups_idx" ON "Proposal"("status", "shapeKey", "createdAt", "expiresAt", "queueId", "agentId");

-- The queue's text search (lib/proposals/search-proposals.ts): the words an
-- operator types (title, intent, acting-for email and name, summary) as a
-- tsvector, lower-cased and split on anything but letters and digits (as the
-- SQLite FTS5 side does), computed by the database on every write (a stored
-- generated column: existing rows are filled by this statement), GIN-indexed.
-- Not in schema.prisma: Prisma never reads or writes it.
ALTER TABLE "Proposal" ADD COLUMN "searchText" tsvector GENERATED ALWAYS AS (
  to_tsvector('simple'::regconfig, regexp_replace(lower(
    "title" || ' ' || "intent" || ' ' || coalesce("actorEmail", '') || ' ' || coalesce("actorName", '') || ' ' || coalesce("summary", '')
  ), '[^[:alnum:]]+', ' ', 'g'))
) STORED;

CREATE INDEX "Proposal_searchText_idx" ON "Proposal" USING GIN ("searchText");

-- Proposal id prefixes ("3f2a9c…") by LIKE 'prefix%', whatever the database's collation.
CREATE INDEX "Proposal_id_pattern_idx" ON "Proposal" ("id" text_pattern_ops);
