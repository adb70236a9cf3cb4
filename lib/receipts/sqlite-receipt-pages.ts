import "server-only";
// The verifier's reader on SQLite: pages of receipts straight from
// better-sqlite3, on a read-only connection of its own, as arrays of column
// values. Measured on a million receipts, the query builder's raw-query path
// (row objects, JSON parsed, dates built, then turned back into text) was
// about a quarter of verification's time, and its garbage another large
// share. Here each receipt becomes one ChainReceipt object; `actor`, which
// repeats (one person decides many), is parsed (frozen) once per distinct
// text, and canonicalized once (receipt-actor-memo.ts).
// Each page is its own statement, as on the query-builder path: a walk sees
// receipts committed while it runs, up to the end it reaches.
import Database from "better-sqlite3";
import { memoActor } from "@/lib/receipts/receipt-actor-memo";
import type { ChainReceipt } from "@/lib/receipts/receipt-hash";

const PAGE_SQL =
  'SELECT "seq", "id", "kind", "proposalId", "actorType", "actorId", "actor", "payload", "digest", "reason", "batchId", "createdAt", "prevHash", "hash" FROM "Receipt" WHERE "seq" > ? ORDER BY "seq" LIMIT ?';
/** Distinct actor texts kept parsed: a walk meets few people; the bound keeps memory flat whatever it meets. */
/** How Prisma stores a DateTime on SQLite (lib/db/raw-values.ts): UTC ISO text with "+00:00". */
const STORED_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;

type Row = [number | bigint, string, string, string | null, string, string | null, string | null, string | null, string | null, string | null, string | null, string | number, string | null, string | null];

export async function* sqliteReceiptPages(file: string, pageSize: number, onPage?: (read: number) => void): AsyncGenerator<ChainReceipt[]> {
  const connection = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const page = connection.prepare(PAGE_SQL).raw(true);
    const actors = new Map<string, unknown>();
    let after = 0;
    let read = 0;
    for (;;) {
      const rows = page.all(after, pageSize) as Row[];
      if (rows.length === 0) return;
      const receipts = rows.map((row) => receiptOf(row, actors));
      after = receipts.at(-1)!.seq;
      read += receipts.length;
      onPage?.(read);
      yield receipts;
      if (rows.length < pageSize) return;
    }
  } finally {
    connection.close();
  }
}

function receiptOf(row: Row, actors: Map<string, unknown>): ChainReceipt {
  const [seq, id, kind, proposalId, actorType, actorId, actorText, payloadText, digest, reason, batchId, createdAt, prevHash, hash] = row;
  return {
    seq: Number(seq),
    id,
    kind,
    proposal_id: proposalId,
    actor_type: actorType,
    actor_id: actorId,
    actor: memoActor(actorText, actors),
    payload: payloadText === null ? null : JSON.parse(payloadText),
    digest,
    reason,
    batch_id: batchId,
    created_at: isoOf(createdAt),
    prev_hash: prevHash,
    hash,
  };
}

/** created_at as the hash covers it (ISO 8601, milliseconds, Z), from the stored text (or a number of ms, as other writers may store). */
function isoOf(value: string | number): string {
  if (typeof value === "string" && STORED_UTC.test(value)) return `${value.slice(0, 23)}Z`;
  return new Date(value).toISOString();
}
