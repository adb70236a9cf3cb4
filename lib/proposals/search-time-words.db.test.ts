// PostgreSQL: the search reads its GIN index only through the expression that index is built on
// (migration `search_time_words`). search-time-words.ts repeats that expression; if the two ever differ,
// every search reads the whole table instead, and this fails. SQLite has no such index (FTS5).
import { describe, expect, it } from "vitest";
import { databaseTarget, db } from "@/lib/db/client";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { SEARCH_VECTOR, windowQuery, windowWords } from "@/lib/proposals/search-time-words";

describe.runIf(databaseTarget.provider === "postgresql")("the search's GIN index with time words", () => {
  it("serves the search's expression, words and a window of hours together", async () => {
    const plan = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT "id" FROM ${qualifiedTable("Proposal")} WHERE ${SEARCH_VECTOR} @@ (to_tsquery('simple', 'ops12 & company') && $1::tsquery)`,
        windowQuery(windowWords(498_588, 498_960)),
      );
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toMatch(/Bitmap Index Scan on "Proposal_searchWindow_idx"/);
    expect(plan).not.toMatch(/createdAt_id_idx|BitmapAnd/);
  });

  it("is the only GIN index on the proposals (the one on the words alone is gone)", async () => {
    const rows = await db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT indexname::text AS "name" FROM pg_indexes WHERE tablename = 'Proposal' AND schemaname = current_schema() AND indexdef LIKE '%USING gin%'`,
    );
    expect(rows.map((r) => r.name)).toEqual(["Proposal_searchWindow_idx"]);
  });
});
