// Hostile rows planted by someone who can write to the database but has no
// signing key: a receipt whose payload or actor nests far past canonical JSON's
// bound (lib/base/json-depth.ts). The verifier's own page readers
// (sqlite-receipt-pages.ts, postgres-receipt-pages.ts) read them from a
// throwaway database of this file's own (the shared test database must keep a
// valid chain), and the walk must name the receipt as unreadable, never crash
// with a stack overflow. The writer, on the shared database, refuses to store
// anything nested that deep in the first place (a 400, nothing written).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import pg from "pg";
import { canonicalJson } from "@/lib/base/canonical-json";
import { MAX_CANONICAL_DEPTH } from "@/lib/base/json-depth";
import { parseDatabaseUrl } from "@/lib/base/database-url";
import { AppError } from "@/lib/base/app-error";
import { databaseTarget, db } from "@/lib/db/client";
import { recreateDatabase } from "@/lib/db/recreate-database";
import { appendReceipts, type NewReceipt } from "@/lib/receipts/append-receipt";
import { GENESIS_HASH, receiptHash, type ChainReceipt } from "@/lib/receipts/receipt-hash";
import { sqliteReceiptPages } from "@/lib/receipts/sqlite-receipt-pages";
import { postgresReceiptPages } from "@/lib/receipts/postgres-receipt-pages";
import { verifyChain, type VerifyResult } from "@/lib/receipts/verify-chain";
import { pooledReceiptPages } from "@/lib/receipts/receipt-hash-pool";
import { migrateForTests } from "@/test-support/migrate-for-tests";

const postgres = databaseTarget.provider === "postgresql";
// PostgreSQL's own jsonb parser refuses text nested much past 10,000 ("stack depth limit exceeded"),
// which is still deep enough to overflow an unbounded canonicalizer here; SQLite stores any text.
const LEVELS = postgres ? 10_000 : 200_000;
const deep = "[".repeat(LEVELS) + "]".repeat(LEVELS);

/** A database of this file's own, next to the shared one. */
function throwawayUrl(): string {
  const url = process.env.DATABASE_URL!;
  if (!postgres) return `file:./.tmp/planted-receipts-${process.pid}.db`;
  const u = new URL(url);
  u.pathname = `${u.pathname}_planted`;
  return u.toString();
}

const url = throwawayUrl();
const actor = { type: "system", id: "planted-test", name: "Planted rows test" };
const first: ChainReceipt = (() => {
  const r = { seq: 1, id: "r-planted-1", kind: "queue_setting_changed", proposal_id: null, actor_type: "system", actor_id: actor.id, actor, payload: { queue: "q", setting: "separation_of_duties", before: false, after: true }, digest: null, reason: null, batch_id: null, created_at: "2026-01-01T00:00:01.000Z" };
  return { ...r, prev_hash: GENESIS_HASH, hash: receiptHash({ ...r, prev_hash: GENESIS_HASH }) };
})();

type Row = { seq: number; id: string; actor: string; payload: string; prevHash: string; hash: string; createdAt?: string };

/** Inserts rows as an attacker would, bypassing the writer (and the append-only triggers for `replace`). */
async function plant(rows: Row[], replace = false): Promise<void> {
  const values = (r: Row) => [r.seq, r.id, "queue_setting_changed", "system", actor.id, r.actor, r.payload, r.createdAt ?? (postgres ? `2026-01-01 00:00:0${Math.min(r.seq, 9)}` : `2026-01-01T00:00:0${Math.min(r.seq, 9)}.000+00:00`), r.prevHash, r.hash];
  const columns = `"seq", "id", "kind", "actorType", "actorId", "actor", "payload", "createdAt", "prevHash", "hash"`;
  if (postgres) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      if (replace) await client.query(`ALTER TABLE "Receipt" DISABLE TRIGGER USER; DELETE FROM "Receipt" WHERE "seq" > 1; ALTER TABLE "Receipt" ENABLE TRIGGER USER`);
      for (const r of rows) await client.query(`INSERT INTO "Receipt" (${columns}) VALUES ($1, $2, $3, $4, $5, $6::json, $7::json, $8, $9, $10)`, values(r));
    } finally {
      await client.end();
    }
    return;
  }
  const file = parseDatabaseUrl(url);
  const connection = new Database(file.provider === "sqlite" ? file.file : "");
  try {
    if (replace) connection.exec(`DROP TRIGGER IF EXISTS "Receipt_no_delete"; DELETE FROM "Receipt" WHERE "seq" > 1`);
    const insert = connection.prepare(`INSERT INTO "Receipt" (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const r of rows) insert.run(...values(r));
  } finally {
    connection.close();
  }
}

const pages = () => {
  const target = parseDatabaseUrl(url);
  return target.provider === "sqlite" ? sqliteReceiptPages(target.file, 1000) : postgresReceiptPages(url, 1000);
};
/** The walk in this thread and on two hashing workers (receipt-hash-pool.ts): the verdicts must be the same. */
const walk = async (): Promise<VerifyResult> => {
  const inThread = await verifyChain({ pages: pages(), checkpoints: [], jwks: { keys: [] } });
  const pooled = await verifyChain({ pages: pooledReceiptPages(parseDatabaseUrl(url), 2, 1000), checkpoints: [], jwks: { keys: [] } });
  expect(pooled).toEqual(inThread);
  return inThread;
};

beforeAll(async () => {
  await recreateDatabase(url);
  migrateForTests(url);
  const row = (r: ChainReceipt): Row => ({ seq: r.seq, id: r.id, actor: canonicalJson(r.actor), payload: canonicalJson(r.payload), prevHash: r.prev_hash!, hash: r.hash! });
  await plant([row(first)]);
}, 120_000);

afterAll(async () => {
  if (postgres) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${parseDatabaseUrl(url).provider === "postgresql" ? new URL(url).pathname.slice(1) : ""}" WITH (FORCE)`).finally(() => client.end());
  }
});

describe(`a receipt nested ${LEVELS.toLocaleString("en-US")} levels deep, planted in the database`, () => {
  const problem = new RegExp(`^receipt #2 cannot be read \\(JSON nested deeper than ${MAX_CANONICAL_DEPTH} levels.*planted or altered in the database`);

  it("in its payload: the verifier's reader and walk name it as unreadable, and stop there", async () => {
    await plant([{ seq: 2, id: "r-planted-2", actor: canonicalJson(actor), payload: deep, prevHash: first.hash!, hash: "f".repeat(64) }]);
    const result = await walk();
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(1);
    expect(result.firstBroken).toMatchObject({ seq: 2, id: "r-planted-2", problem: expect.stringMatching(problem) });
  });

  it("in its actor: named as unreadable too (the reader's actor memo does not throw)", async () => {
    await plant([{ seq: 2, id: "r-planted-2b", actor: `{"type": "system", "id": ${deep}}`, payload: canonicalJson(first.payload), prevHash: first.hash!, hash: "f".repeat(64) }], true);
    const result = await walk();
    expect(result.firstBroken).toMatchObject({ seq: 2, id: "r-planted-2b", problem: expect.stringMatching(problem) });
  });
});

describe("other planted rows, on the hashing workers as in this thread", () => {
  const linked = (seq: number, prevHash: string, extra: Partial<ChainReceipt> = {}): ChainReceipt => {
    const r = { ...first, seq, id: `r-planted-${seq}`, created_at: `2026-01-01T00:00:0${Math.min(seq, 9)}.000Z`, ...extra };
    return { ...r, prev_hash: prevHash, hash: receiptHash({ ...r, prev_hash: prevHash }) };
  };
  const row = (r: ChainReceipt): Row => ({ seq: r.seq, id: r.id, actor: canonicalJson(r.actor), payload: canonicalJson(r.payload), prevHash: r.prev_hash!, hash: r.hash! });
  const second = linked(2, first.hash!);

  it("a clean chain passes, a receipt edited after it was hashed is named, a gap is named", async () => {
    await plant([row(second), row(linked(3, second.hash!))], true);
    expect(await walk()).toMatchObject({ ok: true, checked: 3 });
    await plant([row(second), { ...row(linked(3, second.hash!)), payload: '{"queue": "q", "setting": "separation_of_duties", "before": true, "after": true}' }], true);
    expect((await walk()).firstBroken).toMatchObject({ seq: 3, id: "r-planted-3", problem: expect.stringMatching(/altered/) });
    // A stored time that is no time (SQLite keeps any text; PostgreSQL only real timestamps, so one outside the Date range).
    await plant([row(second), { ...row(linked(3, second.hash!)), createdAt: postgres ? "294276-12-31 23:59:59" : "not a time" }], true);
    expect((await walk()).firstBroken).toMatchObject({ seq: 3, id: "r-planted-3", problem: expect.stringMatching(/altered/) });
    await plant([row(second), row(linked(5, second.hash!))], true);
    expect((await walk()).firstBroken).toMatchObject({ seq: 3, id: null, problem: expect.stringMatching(/receipts #3 to #4 are missing/) });
  });

  // PostgreSQL's json column keeps the text as given (jsonb kept one of the two), as SQLite does.
  it("a payload that names a key twice is hashed as it reads everywhere: the last one wins", async () => {
    const third = linked(3, second.hash!); // its payload ends with "after": true
    const twice = (a: boolean, b: boolean) => `{"after":${a},"after":${b},"before":false,"queue":"q","setting":"separation_of_duties"}`;
    await plant([row(second), { ...row(third), payload: twice(false, true) }], true);
    expect(JSON.parse(twice(false, true))).toEqual(third.payload); // what the receipt page shows
    expect(await walk()).toMatchObject({ ok: true, checked: 3 });
    await plant([row(second), { ...row(third), payload: twice(true, false) }], true);
    expect((await walk()).firstBroken).toMatchObject({ seq: 3, id: "r-planted-3", problem: expect.stringMatching(/altered/) });
  });

  it("a receipt planted at a huge seq costs one page, not millions of empty ones", async () => {
    const huge = 2 ** 31 - 2; // near the top of PostgreSQL's integer: over two million pages of 1,000 seqs away
    await plant([row(second), row(linked(huge, second.hash!))], true);
    expect((await walk()).firstBroken).toMatchObject({ seq: 3, problem: expect.stringMatching(new RegExp(`receipts #3 to #${huge - 1} are missing`)) });
  });
});

describe("the writer", () => {
  it(`refuses a receipt nested deeper than ${MAX_CANONICAL_DEPTH} levels with a 400, and writes nothing`, async () => {
    let after: unknown = { v: 1 };
    for (let i = 0; i < MAX_CANONICAL_DEPTH + 10; i++) after = { v: after };
    const edited = {
      kind: "approved",
      actor: { type: "user", id: "planted-writer-test", email: "dana@example.com", name: "Dana", role: "approver", auth_method: "password" },
      payload: {
        proposal_id: "p1", outcome: "approved", with_edits: true, version: 2, previous_digest: "a".repeat(64), digest: "b".repeat(64),
        changes: [{ step: 0, change: "args", before: { v: 1 }, after }], approvals: 1, required_approvals: 1, final: true, policies: [], batch_id: "b1", batch_size: 1,
      },
    } as unknown as NewReceipt;
    const refused = await db.$transaction((tx) => appendReceipts(tx, [edited])).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ kind: "invalid", message: expect.stringMatching(new RegExp(`nested deeper than ${MAX_CANONICAL_DEPTH} levels`)) });
    expect(await db.receipt.count({ where: { actorId: "planted-writer-test" } })).toBe(0);
  });
});
