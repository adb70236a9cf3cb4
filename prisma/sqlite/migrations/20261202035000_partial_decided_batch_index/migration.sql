-- The decision batch's index, of the rows that have one. Its readers (lib/proposals/expire-proposals.ts,
-- lib/containment/stop-agent.ts) look up one batch id, and "decidedBatchId" = <id> implies IS NOT NULL, so
-- both planners still use it. Pending rows have none: with every row in the index, a decision moved each
-- item's entry out of the NULL run (scattered pages: about 500 pages of write-ahead log per batch of 500
-- on SQLite at a million proposals) and intake added one per proposal. Not in schema.prisma, which cannot
-- say WHERE; a migration that rebuilds the table must create it again. docs/benchmarks.md, "decisions at a million".
DROP INDEX "Proposal_decidedBatchId_idx";
CREATE INDEX "Proposal_decidedBatchId_idx" ON "Proposal"("decidedBatchId") WHERE "decidedBatchId" IS NOT NULL;
ANALYZE "Proposal_decidedBatchId_idx";
