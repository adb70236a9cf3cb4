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
import { memoActor } from "@/lib/receipts/receipt-actor-memo";
import type { ChainReceipt } from "@/lib/receipts/receipt-hash";

const PAGE_SQL =
  'SELECT "seq", "id", "kind", "proposalId", "actorType", "actorId", "actor", "payload", "digest", "reason", "batchId", "createdAt", "prevHash", "hash" FROM "Receipt" WHERE "seq" > ? ORDER BY "seq" LIMIT ?';
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
  return new Date(value).toISOString();
}
