// The decision batch's index holds only the rows that have a batch (migration
// `partial_decided_batch_index`): pending rows have none, so a decision no
// longer moves each item's entry out of the scattered NULL run, and intake
// adds no entry. Its readers look up one batch id (the expiry sweep, stopping
// an agent; expire-proposals.db.test.ts and the stop tests check what they
// do), and both planners must still answer that from the index. Schema.prisma
// cannot say WHERE, so a migration that rebuilds the table could quietly bring
// back the whole-table index, or none: these fail then.
import { describe, expect, it } from "vitest";
import { databaseTarget, db } from "@/lib/db/client";
import { qualifiedTable } from "@/lib/db/qualified-table";

const INDEX = "Proposal_decidedBatchId_idx";
const POSTGRES = databaseTarget.provider === "postgresql";

async function indexDefinition(): Promise<string> {
  const rows = POSTGRES
    ? await db.$queryRawUnsafe<{ sql: string }[]>(`SELECT indexdef AS "sql" FROM pg_indexes WHERE indexname = $1 AND schemaname = current_schema()`, INDEX)
    : await db.$queryRawUnsafe<{ sql: string }[]>(`SELECT "sql" FROM sqlite_master WHERE "type" = 'index' AND "name" = ?`, INDEX);
  return rows[0]?.sql ?? "";
}

/** The plan of the sweep's look-up by batch id; on PostgreSQL with sequential scans priced out, as on a large table. */
async function lookUpPlan(): Promise<string> {
  const lookUp = `SELECT "id" FROM ${qualifiedTable("Proposal")} WHERE "decidedBatchId" = ${POSTGRES ? "$1" : "?"}`;
  if (!POSTGRES) {
    const rows = await db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${lookUp}`, "some-batch");
    return rows.map((r) => r.detail).join("\n");
  }
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${lookUp}`, "some-batch");
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

describe("the decision batch's index", () => {
  it("holds only rows that have a batch", async () => {
    expect(await indexDefinition()).toMatch(/WHERE \(?"?decidedBatchId"? IS NOT NULL\)?/i);
  });

  it("still answers a look-up by batch id (the expiry sweep's and a stopped agent's)", async () => {
    expect(await lookUpPlan()).toContain(INDEX);
  });
});
