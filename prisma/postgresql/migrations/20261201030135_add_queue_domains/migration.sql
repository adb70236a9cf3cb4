-- AlterTable
ALTER TABLE "Queue" ADD COLUMN     "domains" JSONB NOT NULL DEFAULT '[]';

-- Backfill: each existing queue governs the scope domains of the proposals it
-- already holds, so nothing that worked before is refused after the upgrade.
-- A domain is a scope without its tier (`ap:write:draft` -> `ap`); domains
-- contain no colon, so it is everything before the first one. Plan steps'
-- scopes are always among the proposal's scopes (intake checks it), so the
-- proposal's scopes are all there is to read. A queue with no proposals gets
-- `[]` and accepts nothing until an admin sets its domains.
UPDATE "Queue" q SET "domains" = COALESCE((
  SELECT jsonb_agg(d."domain" ORDER BY d."domain") FROM (
    SELECT DISTINCT split_part(s."value", ':', 1) AS "domain"
    FROM "Proposal" p, jsonb_array_elements_text(p."scopes") s("value")
    WHERE p."queueId" = q."id" AND strpos(s."value", ':') > 1
  ) d
), '[]'::jsonb);
