import "server-only";
// The verifier's reader on PostgreSQL: pages of receipts from a pg client of
// its own, as arrays of text (no type parsing), the next page asked for while
// this one is hashed. actor and payload are json columns, which keep the
// canonical text the chain writer stores, so the verifier hashes that text as
// it reads back (canonical-json-text.ts checks it is canonical, never trusts it). The query builder's raw path built row objects, parsed
// every jsonb into objects and every timestamp into a Date, only for the
// verifier to turn them back into text (sqlite-receipt-pages.ts has the
// measurements). `actor`, which repeats, is parsed (frozen) and canonicalized
// once per distinct text (receipt-actor-memo.ts). No database client is loaded (the
// hashing workers import this file too). Each page is its own statement:
// a walk sees receipts committed while it runs, up to the end it reaches.
import pg from "pg";
import { JsonText } from "@/lib/base/canonical-json";
import { isoOrAsStored, memoActor } from "@/lib/receipts/receipt-actor-memo";
import { parseDatabaseUrl, tableIn } from "@/lib/base/database-url";
import type { ChainReceipt } from "@/lib/receipts/receipt-hash";
import type { ReceiptReader } from "@/lib/receipts/receipt-reader";

/** Every column as PostgreSQL's text: the conversions below are the only ones made. */
const AS_TEXT = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

type Row = (string | null)[];
/** What a page holds in place of a row already handed over. */
const EMPTY: Row = [];

export async function* postgresReceiptPages(url: string, pageSize: number, onPage?: (read: number) => void): AsyncGenerator<Iterable<ChainReceipt>> {
  const sql =
    `SELECT "seq", "id", "kind", "proposalId", "actorType", "actorId", "actor", "payload", "digest", "reason", "batchId", "createdAt", "prevHash", "hash" ` +
    `FROM ${tableIn(parseDatabaseUrl(url), "Receipt")} WHERE "seq" > $1 ORDER BY "seq" LIMIT $2`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const fetchPage = (after: number) => {
      const page = client.query<Row>({ text: sql, values: [after, pageSize], rowMode: "array", types: AS_TEXT }).then((r) => r.rows);
      // A walk stopped early leaves its last request unread: its failure must not surface as an unhandled rejection.
      page.catch(() => undefined);
      return page;
    };
    const actors = new Map<string, unknown>();
    let next: Promise<Row[]> | undefined = fetchPage(0);
    let read = 0;
    while (next) {
      const rows: Row[] = await next;
      next = rows.length === pageSize ? fetchPage(Number(rows.at(-1)![0])) : undefined;
      if (rows.length === 0) return;
      read += rows.length;
      onPage?.(read);
      yield receiptsOf(rows, actors);
    }
  } finally {
    await client.end();
  }
}

/**
 * The same receipts for the hashing workers (receipt-hash-pool.ts): each worker reads the ranges
 * it is given on a client of its own; the pool plans the ranges (nextSeq, maxSeq).
 */
export async function postgresReceiptReader(url: string): Promise<ReceiptReader> {
  const table = tableIn(parseDatabaseUrl(url), "Receipt");
  const columns = `"seq", "id", "kind", "proposalId", "actorType", "actorId", "actor", "payload", "digest", "reason", "batchId", "createdAt", "prevHash", "hash"`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const actors = new Map<string, unknown>();
  const rows = async (text: string, values: number[]) => {
    const result = await client.query<Row>({ text, values, rowMode: "array", types: AS_TEXT });
    return receiptsOf(result.rows, actors);
  };
  const one = async (text: string, values: number[]) => {
    const result = await client.query<Row>({ text, values, rowMode: "array", types: AS_TEXT });
    const value = result.rows[0]?.[0];
    return value === undefined || value === null ? null : Number(value);
  };
  return {
    maxSeq: async () => (await one(`SELECT max("seq") FROM ${table}`, [])) ?? 0,
    nextSeq: (after) => one(`SELECT "seq" FROM ${table} WHERE "seq" > $1 ORDER BY "seq" LIMIT 1`, [after]),
    range: (after, upTo) => rows(`SELECT ${columns} FROM ${table} WHERE "seq" > $1 AND "seq" <= $2 ORDER BY "seq"`, [after, upTo]),
    page: (after, limit) => rows(`SELECT ${columns} FROM ${table} WHERE "seq" > $1 ORDER BY "seq" LIMIT $2`, [after, limit]),
    close: () => client.end(),
  };
}

/**
 * A page's receipts, each made as the walk reaches it and garbage once hashed. Each row is dropped
 * from the page as it is read: the driver builds every row of a page at once, and rows the page
 * still held survived each collection the walk set off, were copied, then promoted (a million
 * receipts: the collector took about 13 s of the walk, under 2 s once rows are dropped).
 */
function* receiptsOf(rows: Row[], actors: Map<string, unknown>): Generator<ChainReceipt> {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    rows[i] = EMPTY;
    yield receiptOf(row, actors);
  }
}

function receiptOf(row: Row, actors: Map<string, unknown>): ChainReceipt {
  const [seq, id, kind, proposalId, actorType, actorId, actorText, payloadText, digest, reason, batchId, createdAt, prevHash, hash] = row;
  return {
    seq: Number(seq),
    id: id!,
    kind: kind!,
    proposal_id: proposalId ?? null,
    actor_type: actorType!,
    actor_id: actorId ?? null,
    actor: memoActor(actorText ?? null, actors),
    payload: payloadText === null || payloadText === undefined ? null : new JsonText(payloadText),
    digest: digest ?? null,
    reason: reason ?? null,
    batch_id: batchId ?? null,
    created_at: isoOf(createdAt!),
    prev_hash: prevHash ?? null,
    hash: hash ?? null,
  };
}

/** PostgreSQL's text of a timestamp(3): the UTC wall clock (lib/db/raw-values.ts), its trailing zeros dropped. */
const STORED_UTC = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,3})?$/;

/** created_at as the hash covers it (ISO 8601, milliseconds, Z): the digits moved as they are, with no Date made per receipt. */
function isoOf(text: string): string {
  if (!STORED_UTC.test(text)) return isoOrAsStored(new Date(`${text.replace(" ", "T")}Z`), text);
  const fraction = text.length > 19 ? text.slice(20) : "";
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction.padEnd(3, "0")}Z`;
}
