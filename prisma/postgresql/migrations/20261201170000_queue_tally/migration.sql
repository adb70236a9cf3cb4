-- The queue's counts per status and its look-alike groups, kept by the
-- database (lib/proposals/proposal-tally.ts): one row of +1 or -1 per
-- proposal inserted, deleted, or moved between keys (status, queue, agent,
-- tier, risk, and for pending proposals their shape), written by the trigger
-- below in the writer's own transaction, so every writer (intake, decisions,
-- expiry, edits, cancellations, the demo seed, bulk fills) is counted and no
-- writer can forget. Insert-only: concurrent writers never wait on (or
-- deadlock over) a shared counter row. Readers fold the rows by key (a few
-- thousand at most) and fold them in place now and then. Not in
-- schema.prisma: Prisma never reads or writes it through the client.
CREATE TABLE "ProposalTally" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
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

-- search_path as at migration time: the trigger finds its table whatever the writer's session has.
CREATE FUNCTION "Proposal_tally"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO "ProposalTally" ("status", "queueId", "agentId", "tier", "risk", "shapeKey", "n")
    VALUES (OLD."status", OLD."queueId", OLD."agentId", OLD."tier", OLD."risk", CASE WHEN OLD."status" = 'pending' THEN coalesce(OLD."shapeKey", '') ELSE '' END, -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO "ProposalTally" ("status", "queueId", "agentId", "tier", "risk", "shapeKey", "n")
    VALUES (NEW."status", NEW."queueId", NEW."agentId", NEW."tier", NEW."risk", CASE WHEN NEW."status" = 'pending' THEN coalesce(NEW."shapeKey", '') ELSE '' END, 1);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Proposal_tally_insert_delete" AFTER INSERT OR DELETE ON "Proposal" FOR EACH ROW EXECUTE FUNCTION "Proposal_tally"();

CREATE TRIGGER "Proposal_tally_update" AFTER UPDATE OF "status", "queueId", "agentId", "tier", "risk", "shapeKey" ON "Proposal" FOR EACH ROW
WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."queueId" IS DISTINCT FROM NEW."queueId" OR OLD."agentId" IS DISTINCT FROM NEW."agentId"
  OR OLD."tier" IS DISTINCT FROM NEW."tier" OR OLD."risk" IS DISTINCT FROM NEW."risk" OR OLD."shapeKey" IS DISTINCT FROM NEW."shapeKey")
EXECUTE FUNCTION "Proposal_tally"();
