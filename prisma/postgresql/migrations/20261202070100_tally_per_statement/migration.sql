-- The tally's triggers (migration `queue_tally`, lib/proposals/proposal-tally.ts) once per statement
-- instead of once per row: a batch of 500 decisions ran the row trigger 500 times and wrote 1,000
-- tally rows (a -1 and a +1 each, 47 ms of the UPDATE at a million proposals); now one INSERT sums the
-- statement's rows per key from its transition tables (the rows before and after) and writes one row
-- per key whose count moved. Exact as before: the sum over a key of -1 per old row and +1 per new row
-- is what the row trigger's rows summed to, and a statement that moves no key writes nothing (as the
-- row trigger's WHEN did). Transition tables cannot go with a column list, so the UPDATE trigger fires
-- for every UPDATE and the HAVING leaves out what did not move. SQLite has no statement triggers: its
-- row triggers stay (prisma/sqlite/migrations/20261201170000_queue_tally).
-- search_path as at migration time: the trigger finds its table whatever the writer's session has.
CREATE FUNCTION "Proposal_tally_statement"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ProposalTally" ("status", "queueId", "agentId", "tier", "risk", "shapeKey", "n")
    SELECT "status", "queueId", "agentId", "tier", "risk", CASE WHEN "status" = 'pending' THEN coalesce("shapeKey", '') ELSE '' END, count(*)
    FROM "new_rows" GROUP BY 1, 2, 3, 4, 5, 6;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "ProposalTally" ("status", "queueId", "agentId", "tier", "risk", "shapeKey", "n")
    SELECT "status", "queueId", "agentId", "tier", "risk", CASE WHEN "status" = 'pending' THEN coalesce("shapeKey", '') ELSE '' END, -count(*)
    FROM "old_rows" GROUP BY 1, 2, 3, 4, 5, 6;
  ELSE
    INSERT INTO "ProposalTally" ("status", "queueId", "agentId", "tier", "risk", "shapeKey", "n")
    SELECT "status", "queueId", "agentId", "tier", "risk", "shapeKey", sum("n") FROM (
      SELECT "status", "queueId", "agentId", "tier", "risk", CASE WHEN "status" = 'pending' THEN coalesce("shapeKey", '') ELSE '' END AS "shapeKey", -1 AS "n" FROM "old_rows"
      UNION ALL
      SELECT "status", "queueId", "agentId", "tier", "risk", CASE WHEN "status" = 'pending' THEN coalesce("shapeKey", '') ELSE '' END, 1 FROM "new_rows"
    ) AS "moves" GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum("n") <> 0;
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER "Proposal_tally_insert_delete" ON "Proposal";
DROP TRIGGER "Proposal_tally_update" ON "Proposal";
DROP FUNCTION "Proposal_tally"();

CREATE TRIGGER "Proposal_tally_insert" AFTER INSERT ON "Proposal" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "Proposal_tally_statement"();
CREATE TRIGGER "Proposal_tally_delete" AFTER DELETE ON "Proposal" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "Proposal_tally_statement"();
CREATE TRIGGER "Proposal_tally_update" AFTER UPDATE ON "Proposal" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "Proposal_tally_statement"();
