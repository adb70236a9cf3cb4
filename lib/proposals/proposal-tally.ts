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
// On PostgreSQL a burst of writes between reads (a bulk import, intake while
// nobody looks at the queue: a million rows) leaves the table's file that
// large after the fold: VACUUM frees the rows but keeps the pages while a
// live row sits near the end, and every read scanned all of them (120 MB,
// 120-250 ms per read at a million proposals). A read that finds the file far
// larger than its rows compacts it (compactTally).
import { cache } from "react";
import { databaseTarget, db } from "@/lib/db/client";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { packedRows, packedRowsWith } from "@/lib/db/packed-rows";

export type TallyKey = { status: string; queueId: string; agentId: string; tier: string; risk: string; shapeKey: string };
export type TallyRow = TallyKey & { n: number };

/** Fold in place once the raw rows are this many more than the keys they sum to. */
const FOLD_SLACK = 2000;
const KEY = `"status", "queueId", "agentId", "tier", "risk", "shapeKey"`;

/** PostgreSQL: compact the table once its file is larger than this and than COMPACT_BYTES_PER_ROW per row. */
const COMPACT_MIN_BYTES = 1 << 20;
const COMPACT_BYTES_PER_ROW = 1000;
/** How long a compaction waits for writers' transactions to end before it gives up (writers queue behind it meanwhile). */
const LOCK_WAIT_MS = 200;

/**
 * Every key with a non-zero count, summed over the tally's rows. Read once per
 * request (React's cache: the page's counts and its look-alike groups both ask).
 */
export const readTally = cache(async (): Promise<TallyRow[]> => {
  const table = qualifiedTable("ProposalTally");
  const postgres = databaseTarget.provider === "postgresql";
  // Packed rows (packed-rows.ts): a few hundred keys. On PostgreSQL each row also carries the file's size (computed once).
  const size = postgres ? `, (SELECT pg_relation_size(to_regclass('${table.replace(/'/g, "''")}'))) AS "bytes"` : `, 0 AS "bytes"`;
  const rows = (await packedRows([KEY, `"n"`, `"raw"`, `"bytes"`], `SELECT ${KEY}, SUM("n") AS "n", COUNT(*) AS "raw"${size} FROM ${table} GROUP BY ${KEY}`)) as [
    string, string, string, string, string, string, number, number, number,
  ][];
  const raw = rows.reduce((sum, r) => sum + Number(r[7]), 0);
  const bytes = Number(rows[0]?.[8] ?? 0);
  const live = rows
    .filter((r) => Number(r[6]) !== 0)
    .map(([status, queueId, agentId, tier, risk, shapeKey, n]) => ({ status, queueId, agentId, tier, risk, shapeKey, n: Number(n) }));
  if (postgres && bytes > Math.max(COMPACT_MIN_BYTES, raw * COMPACT_BYTES_PER_ROW)) await compactTally();
  else if (raw > live.length + FOLD_SLACK) await foldTally();
  return live;
});

/**
 * PostgreSQL: folds the tally into a new, small file (TRUNCATE, then one row
 * per key), under a lock that holds off its writers (the triggers' inserts)
 * for those few milliseconds, so no row is lost or counted twice. A reader
 * never waits long for it: if the lock is not had within LOCK_WAIT_MS (a long
 * transaction is writing), the compaction is left to a later read.
 * TRUNCATE is not MVCC-safe for a snapshot taken before it (REPEATABLE READ):
 * nothing reads the tally that way (every read is one READ COMMITTED
 * statement, which takes its snapshot after its table lock).
 */
export async function compactTally(): Promise<boolean> {
  const table = qualifiedTable("ProposalTally");
  try {
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${LOCK_WAIT_MS}ms'`);
      await tx.$executeRawUnsafe(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      const sums = await packedRowsWith(tx, [KEY, `"n"`], `SELECT ${KEY}, SUM("n") AS "n" FROM ${table} GROUP BY ${KEY} HAVING SUM("n") <> 0`);
      await tx.$executeRawUnsafe(`TRUNCATE ${table}`);
      // A few hundred keys, a few thousand at most: inserts of up to 1,000 rows (7 parameters each; PostgreSQL takes 65,535).
      const row = (i: number) => `(${[1, 2, 3, 4, 5, 6].map((c) => `$${i * 7 + c}`).join(", ")}, $${i * 7 + 7}::integer)`;
      for (let at = 0; at < sums.length; at += 1000) {
        const chunk = sums.slice(at, at + 1000);
        await tx.$executeRawUnsafe(`INSERT INTO ${table} (${KEY}, "n") VALUES ${chunk.map((_, i) => row(i)).join(", ")}`, ...chunk.flatMap((r) => [...r.slice(0, 6), Number(r[6])]));
      }
    });
    return true;
  } catch (error) {
    // 55P03: lock_not_available (the lock wait ran out). Anything else is a real failure.
    if (/55P03|lock timeout/i.test(String((error as { message?: string })?.message ?? error))) return false;
    throw error;
  }
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
