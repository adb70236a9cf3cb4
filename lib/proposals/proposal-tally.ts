import "server-only";
// How many proposals there are per key (status, queue, agent, tier, risk, and
// for pending ones their look-alike shape), read from "ProposalTally": rows of
// +1/-1 that the database's triggers write in every writer's own transaction
// (migration `queue_tally`). The queue's per-status tabs and its look-alike
// groups read these instead of counting a million rows. Exact: a row is
// written for every insert, delete and change of a key, whoever writes.
// Readers fold the rows by key; when the rows outgrow the keys, the reader
// folds them in place (one statement on PostgreSQL, so two readers folding at
// once never count a row twice; SQLite has one writer at a time).
import { databaseTarget, db } from "@/lib/db/client";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { packedRows } from "@/lib/db/packed-rows";

export type TallyKey = { status: string; queueId: string; agentId: string; tier: string; risk: string; shapeKey: string };
export type TallyRow = TallyKey & { n: number };

/** Fold in place once the raw rows are this many more than the keys they sum to. */
const FOLD_SLACK = 2000;
const KEY = `"status", "queueId", "agentId", "tier", "risk", "shapeKey"`;

/** Every key with a non-zero count, summed over the tally's rows. */
export async function readTally(): Promise<TallyRow[]> {
  const table = qualifiedTable("ProposalTally");
  // Packed rows (packed-rows.ts): a few hundred keys, read on every queue page, twice when pending.
  const rows = (await packedRows([KEY, `"n"`, `"raw"`], `SELECT ${KEY}, SUM("n") AS "n", COUNT(*) AS "raw" FROM ${table} GROUP BY ${KEY}`)) as [string, string, string, string, string, string, number, number][];
  const raw = rows.reduce((sum, r) => sum + Number(r[7]), 0);
  const live = rows
    .filter((r) => Number(r[6]) !== 0)
    .map(([status, queueId, agentId, tier, risk, shapeKey, n]) => ({ status, queueId, agentId, tier, risk, shapeKey, n: Number(n) }));
  if (raw > live.length + FOLD_SLACK) await foldTally();
  return live;
}

/** Replaces the tally's rows by one row per key with its sum (keys summing to zero dropped). */
export async function foldTally(): Promise<void> {
  const table = qualifiedTable("ProposalTally");
  if (databaseTarget.provider === "postgresql") {
    // One statement: rows a concurrent writer adds after it starts stay; rows a concurrent fold deleted first are skipped.
    await db.$executeRawUnsafe(
      `WITH gone AS (DELETE FROM ${table} RETURNING ${KEY}, "n") INSERT INTO ${table} (${KEY}, "n") SELECT ${KEY}, SUM("n") FROM gone GROUP BY ${KEY} HAVING SUM("n") <> 0`,
    );
    return;
  }
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRawUnsafe<{ top: number | bigint | null }[]>(`SELECT MAX("id") AS "top" FROM ${table}`);
    const top = row?.top;
    if (top === null || top === undefined) return;
    await tx.$executeRawUnsafe(`INSERT INTO ${table} (${KEY}, "n") SELECT ${KEY}, SUM("n") FROM ${table} WHERE "id" <= ? GROUP BY ${KEY} HAVING SUM("n") <> 0`, Number(top));
    await tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE "id" <= ?`, Number(top));
  });
}
