-- AlterTable
-- Written by hand: Prisma's generated table rebuild spells the default as
-- `DEFAULT []`, which SQLite cannot parse. A constant default lets SQLite add
-- a NOT NULL column in place.
ALTER TABLE "Queue" ADD COLUMN "domains" JSONB NOT NULL DEFAULT '[]';

-- Backfill: each existing queue governs the scope domains of the proposals it
-- already holds, so nothing that worked before is refused after the upgrade.
-- A domain is a scope without its tier (`ap:write:draft` -> `ap`); domains
-- contain no colon, so it is everything before the first one. Plan steps'
-- scopes are always among the proposal's scopes (intake checks it), so the
-- proposal's scopes are all there is to read. A queue with no proposals gets
-- `[]` and accepts nothing until an admin sets its domains.
UPDATE "Queue" SET "domains" = (
  SELECT json_group_array("domain") FROM (
    SELECT DISTINCT substr(s."value", 1, instr(s."value", ':') - 1) AS "domain"
    FROM "Proposal" p, json_each(p."scopes") s
    WHERE p."queueId" = "Queue"."id" AND instr(s."value", ':') > 1
    ORDER BY 1
  )
);
