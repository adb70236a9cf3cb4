-- The queue's counts per status and its look-alike groups, kept by the
-- database (lib/proposals/proposal-tally.ts): one row of +1 or -1 per
-- proposal inserted, deleted, or moved between keys (status, queue, agent,
-- tier, risk, and for pending proposals their shape), written by the triggers
-- below in the writer's own transaction, so every writer (intake, decisions,
-- expiry, edits, cancellations, the demo seed, bulk fills) is counted and no
-- writer can forget. Insert-only: concurrent writers never wait on a shared
-- counter row. Readers fold the rows by key (a few thousand at most) and
-- fold them in place now and then. Not in schema.prisma: Prisma never reads
-- or writes it through the client.
CREATE TABLE "ProposalTally" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "risk" TEXT NOT NULL,
    -- The look-alike shape of a pending proposal; '' for the other statuses (the groups are of pending proposals only).
    "shapeKey" TEXT NOT NULL DEFAULT '',
    "n" INTEGER NOT NULL
);

-- Backfill: every existing proposal, folded.
INSERT INTO "ProposalTally" ("status", "queueId", "agentId", "tier", "risk", "shapeKey", "n")
SELECT "status", "queueId", "agentId", "tier", "risk", CASE WHEN "status" = 'pending' THEN coalesce("shapeKey", '') ELSE '' END, count(*)
FROM "Proposal" GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TRIGGER "Proposal_tally_insert" AFTER INSERT ON "Proposal" BEGIN
  INSERT INTO "ProposalTally" ("status", "queueId", "agentId", "tier", "risk", "shapeKey", "n")
  VALUES (new."status", new."queueId", new."agentId", new."tier", new."risk", CASE WHEN new."status" = 'pending' THEN coalesce(new."shapeKey", '') ELSE '' END, 1);
END;

CREATE TRIGGER "Proposal_tally_delete" AFTER DELETE ON "Proposal" BEGIN
  INSERT INTO "ProposalTally" ("status", "queueId", "agentId", "tier", "risk", "shapeKey", "n")
  VALUES (old."status", old."queueId", old."agentId", old."tier", old."risk", CASE WHEN old."status" = 'pending' THEN coalesce(old."shapeKey", '') ELSE '' END, -1);
END;

CREATE TRIGGER "Proposal_tally_update" AFTER UPDATE OF "status", "queueId", "agentId", "tier", "risk", "shapeKey" ON "Proposal"
WHEN old."status" IS NOT new."status" OR old."queueId" IS NOT new."queueId" OR old."agentId" IS NOT new."agentId"
  OR old."tier" IS NOT new."tier" OR old."risk" IS NOT new."risk" OR old."shapeKey" IS NOT new."shapeKey"
BEGIN
  INSERT INTO "ProposalTally" ("status", "queueId", "agentId", "tier", "risk", "shapeKey", "n")
  VALUES (old."status", old."queueId", old."agentId", old."tier", old."risk", CASE WHEN old."status" = 'pending' THEN coalesce(old."shapeKey", '') ELSE '' END, -1);
  INSERT INTO "ProposalTally" ("status", "queueId", "agentId", "tier", "risk", "shapeKey", "n")
  VALUES (new."status", new."queueId", new."agentId", new."tier", new."risk", CASE WHEN new."status" = 'pending' THEN coalesce(new."shapeKey", '') ELSE '' END, 1);
END;
