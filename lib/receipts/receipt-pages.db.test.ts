// The verifier reads receipts with readers of its own (SQLite straight from
// the file, sqlite-receipt-pages.ts; PostgreSQL as text from a pg client,
// postgres-receipt-pages.ts) instead of through the query builder, which still
// reads inside a transaction. The hash covers what they read, so the readers
// must hand over the very same receipts, field for field: seq as a number,
// created_at as ISO with milliseconds and Z, JSON parsed, nulls kept.
import { describe, expect, it } from "vitest";
import { canonicalJson, JsonText } from "@/lib/base/canonical-json";
import { db } from "@/lib/db/client";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { readJson } from "@/lib/db/raw-values";
import { appendReceipts, type NewReceipt } from "@/lib/receipts/append-receipt";
import type { ChainReceipt } from "@/lib/receipts/receipt-hash";
import { storedReceipts } from "@/lib/receipts/verify-stored-chain";

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const actor = { type: "system", id: "pages-test", name: "Pages test \u00e9 \"quoted\"" } as const;

describe("the verifier's own readers", () => {
  it("hands over the same receipts as the query builder, page after page", async () => {
    const receipts: NewReceipt[] = Array.from({ length: 7 }, (_, i) => ({
      kind: "queue_setting_changed",
      actor,
      reason: i % 2 === 0 ? `reason ${i}` : undefined,
      batchId: i % 3 === 0 ? `batch-${i}` : undefined,
      // Milliseconds 0, 10, 100 and others: PostgreSQL's text drops trailing zeros.
      at: new Date(Date.UTC(2026, 11, 1, 10, 0, i, [0, 10, 100, 7, 120, 999, 1][i]!)),
      payload: { queue: `q-${i}`, setting: "separation_of_duties", before: i % 2 === 0, after: i % 2 !== 0 },
    }));
    await db.$transaction((tx) => appendReceipts(tx, receipts));
    // Pages of 3: the walk crosses page boundaries several times.
    const direct = await collect(storedReceipts(3));
    const built = await db.$transaction((tx) => collect(storedReceipts(3, tx)), { timeout: 60_000 });
    const plain = (r: ChainReceipt) => JSON.parse(JSON.stringify(r)) as unknown;
    expect(direct.map(plain)).toEqual(built.map(plain));
    expect(direct.length).toBeGreaterThanOrEqual(7);
    const mine = direct.filter((r) => r.actor_id === actor.id).slice(-7);
    expect(mine.map((r) => r.created_at)).toEqual(receipts.map((r) => r.at!.toISOString()));
    expect(mine.map((r) => r.reason)).toEqual(receipts.map((r) => r.reason ?? null));
    expect(typeof mine[0]!.seq).toBe("number");
  });

  it("hands over actors that cannot be changed (one object stands for many receipts)", async () => {
    const [first] = (await collect(storedReceipts())).filter((r) => r.actor_id === actor.id);
    expect(Object.isFrozen(first!.actor)).toBe(true);
  });

  it("hands each payload over as its stored text, which hashes as the value does (canonical as written, on both databases)", async () => {
    const payload = { queue: "z-queue", setting: "separation_of_duties" as const, before: true, after: false };
    await db.$transaction((tx) => appendReceipts(tx, [{ kind: "queue_setting_changed", actor, payload }]));
    const last = (await collect(storedReceipts())).at(-1)!;
    expect(last.payload).toBeInstanceOf(JsonText);
    expect(canonicalJson(last.payload)).toBe(canonicalJson(payload));
    // The writer stores canonical text, and the column keeps it (PostgreSQL's json, where jsonb kept only the
    // value and gave back its own form), so the verifier hashes the stored text as it is.
    expect((last.payload as JsonText).text).toBe(canonicalJson(payload));
    const [row] = await db.$queryRawUnsafe<{ actor: unknown; payload: unknown }[]>(`SELECT "actor", "payload" FROM ${qualifiedTable("Receipt")} ORDER BY "seq" DESC LIMIT 1`);
    // What the receipt page and the export read (the query builder) is that same text, parsed.
    expect(readJson(row!.payload)).toEqual(JSON.parse((last.payload as JsonText).text));
    expect(canonicalJson(last.actor)).toBe(canonicalJson(actor));
  });
});
