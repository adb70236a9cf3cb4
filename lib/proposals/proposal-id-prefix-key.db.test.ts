// The queue's id-prefix search ("3f2a9c…", lib/proposals/search-proposals.ts) reads a range of the
// primary key on both databases. On PostgreSQL the key compares ids byte by byte (COLLATE "C",
// migration `proposal_id_bytewise`), which is what lets the planner turn LIKE 'prefix%' into that
// range; the second index on the id that served it before (text_pattern_ops) is gone, because every
// decided row's new version got an entry in it at a random page (docs/benchmarks.md, "PostgreSQL
// decisions at a million: the WAL"). With the database's own collation on the id, PostgreSQL reads
// the whole key or the table instead, and this fails.
import { describe, expect, it } from "vitest";
import { databaseTarget, db } from "@/lib/db/client";
import { qualifiedTable } from "@/lib/db/qualified-table";

const POSTGRES = databaseTarget.provider === "postgresql";

/** The plan of the search's id-prefix read, as search-proposals.ts writes it; on PostgreSQL with sequential scans priced out, as on a large table. */
async function prefixPlan(prefix: string): Promise<string> {
  const proposal = qualifiedTable("Proposal");
  if (!POSTGRES) {
    const rows = await db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN SELECT "id" FROM ${proposal} WHERE "id" >= ? AND "id" < ? ORDER BY "id" LIMIT ?`, prefix, `${prefix}\uffff`, 1000);
    return rows.map((r) => r.detail).join("\n");
  }
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN SELECT "id" FROM ${proposal} WHERE "id" LIKE $1 ORDER BY "id" LIMIT $2`, `${prefix}%`, 1000);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

async function idIndexes(): Promise<string[]> {
  if (!POSTGRES) return [];
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT indexname::text AS "name" FROM pg_indexes WHERE tablename = 'Proposal' AND schemaname = current_schema() AND indexdef ~ '\\("?id"?( text_pattern_ops)?\\)$'`,
  );
  return rows.map((r) => r.name).sort();
}

describe("the id-prefix search's index", () => {
  it("is a range of the primary key", async () => {
    const plan = await prefixPlan("3f2a9c");
    if (POSTGRES) expect(plan).toMatch(/Index Only Scan using "Proposal_pkey"[\s\S]*Index Cond: \(\(id >= '3f2a9c'::text\) AND \(id < '3f2a9d'::text\)\)/);
    else expect(plan).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_Proposal_1 \(id>\? AND id<\?\)/);
  });

  it.runIf(POSTGRES)("is the only index on the id alone (PostgreSQL)", async () => {
    expect(await idIndexes()).toEqual(["Proposal_pkey"]);
  });
});
