import "server-only";
// The verifier's reader on SQLite: pages of receipts straight from
// better-sqlite3, on a read-only connection of its own, as arrays of column
// values, each receipt made as the walk reaches it. Measured on a million receipts, the query builder's raw-query path
// (row objects, JSON parsed, dates built, then turned back into text) was
// about a quarter of verification's time, and its garbage another large
// share. Here each receipt becomes one ChainReceipt object; `actor`, which
// repeats (one person decides many), is parsed (frozen) once per distinct
// text, and canonicalized once (receipt-actor-memo.ts).
// Each page is its own statement, as on the query-builder path: a walk sees
// receipts committed while it runs, up to the end it reaches.
import Database from "better-sqlite3";
import { JsonText } from "@/lib/base/canonical-json";
import { isoOrAsStored, memoActor } from "@/lib/receipts/receipt-actor-memo";
import type { ChainReceipt } from "@/lib/receipts/receipt-hash";
import type { ReceiptReader } from "@/lib/receipts/receipt-reader";

const COLUMNS = '"seq", "id", "kind", "proposalId", "actorType", "actorId", "actor", "payload", "digest", "reason", "batchId", "createdAt", "prevHash", "hash"';
const PAGE_SQL = `SELECT ${COLUMNS} FROM "Receipt" WHERE "seq" > ? ORDER BY "seq" LIMIT ?`;
const RANGE_SQL = `SELECT ${COLUMNS} FROM "Receipt" WHERE "seq" > ? AND "seq" <= ? ORDER BY "seq"`;
/** Distinct actor texts kept parsed: a walk meets few people; the bound keeps memory flat whatever it meets. */
/** How Prisma stores a DateTime on SQLite (lib/db/raw-values.ts): UTC ISO text with "+00:00". */
const STORED_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;

type Row = [number | bigint, string, string, string | null, string, string | null, string | null, string | null, string | null, string | null, string | null, string | number, string | null, string | null];

export async function* sqliteReceiptPages(file: string, pageSize: number, onPage?: (read: number) => void): AsyncGenerator<Iterable<ChainReceipt>> {
  const connection = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const statement = connection.prepare(PAGE_SQL).raw(true);
    const actors = new Map<string, unknown>();
    let after = 0;
    let read = 0;
    for (;;) {
      // Each page is handed over as it is read (iterate, not all): a receipt is made when the
      // walk reaches it and is garbage once hashed, where a page of 5,000 read at once kept them
      // all alive through several collections (the collector was about half of the walk's time).
      let count = 0;
      const from = after;
      yield (function* () {
        for (const row of statement.iterate(from, pageSize) as IterableIterator<Row>) {
          const receipt = receiptOf(row, actors);
          count += 1;
          after = receipt.seq;
          yield receipt;
        }
      })();
      if (count === 0) return;
      read += count;
      onPage?.(read);
      if (count < pageSize) return;
    }
  } finally {
    connection.close();
  }
}

/**
 * The same receipts for the hashing workers (receipt-hash-pool.ts): each worker reads the ranges
 * it is given on a read-only connection of its own; the pool plans the ranges (nextSeq, maxSeq).
 */
export function sqliteReceiptReader(file: string): ReceiptReader {
  const connection = new Database(file, { readonly: true, fileMustExist: true });
  const page = connection.prepare(PAGE_SQL).raw(true);
  const range = connection.prepare(RANGE_SQL).raw(true);
  const max = connection.prepare('SELECT max("seq") FROM "Receipt"').pluck();
  const next = connection.prepare('SELECT "seq" FROM "Receipt" WHERE "seq" > ? ORDER BY "seq" LIMIT 1').pluck();
  const actors = new Map<string, unknown>();
  const receipts = (rows: Iterable<Row>) => (function* () {
    for (const row of rows) yield receiptOf(row, actors);
  })();
  return {
    maxSeq: async () => Number((max.get() as number | bigint | null) ?? 0),
    nextSeq: async (after) => {
      const seq = next.get(after) as number | bigint | undefined;
      return seq === undefined ? null : Number(seq);
    },
    range: async (after, upTo) => receipts(range.iterate(after, upTo) as IterableIterator<Row>),
    page: async (after, limit) => receipts(page.iterate(after, limit) as IterableIterator<Row>),
    close: async () => void connection.close(),
  };
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
    payload: payloadText === null ? null : new JsonText(payloadText),
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
  return isoOrAsStored(new Date(value), value);
}
