-- Proposal ids compared byte by byte (COLLATE "C"), so the primary key itself serves the queue's
-- id-prefix search ("id" LIKE 'prefix%' becomes a range on the key, lib/proposals/search-proposals.ts)
-- and the second index on the id, kept only for that (text_pattern_ops), goes. Ids are random UUIDs:
-- every decided row's new version got an entry in both at a random leaf page, about 320 pages each per
-- batch of 500 at a million proposals, each page written whole to the WAL after a checkpoint (a sixth
-- of the UPDATE's WAL; docs/benchmarks.md, "PostgreSQL decisions at a million: the WAL"). Ids are
-- random UUIDs, so no reader depends on their order beyond a stable tie-break (ORDER BY "createdAt",
-- "id"), which byte order gives as well; equality is the same in every deterministic collation, so the
-- foreign keys and joins on "proposalId" (the database's collation) are unchanged. Rebuilds the
-- indexes that hold the id (about 20 s at a million proposals). SQLite compares ids byte by byte already (BINARY)
-- and searches a prefix as a range on its key: nothing to do there.
ALTER TABLE "Proposal" ALTER COLUMN "id" SET DATA TYPE TEXT COLLATE "C";
DROP INDEX "Proposal_id_pattern_idx";
