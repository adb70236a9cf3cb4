// On SQLite the verifier reads receipts straight from the file
// (sqlite-receipt-pages.ts) instead of through the query builder. The hash
// covers what it reads, so the two readers must hand over the very same
// receipts, field for field: seq as a number, created_at as ISO with Z, JSON
// parsed, nulls kept. (On PostgreSQL both calls take the query-builder path.)
import { describe, expect, it } from "vitest";
import { databaseTarget, db } from "@/lib/db/client";
import { appendReceipts, type NewReceipt } from "@/lib/receipts/append-receipt";
import type { ChainReceipt } from "@/lib/receipts/receipt-hash";
import { storedReceipts } from "@/lib/receipts/verify-stored-chain";

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const actor = { type: "system", id: "pages-test", name: "Pages test \u00e9 \"quoted\"" } as const;

describe("the verifier's SQLite reader", () => {
  it("hands over the same receipts as the query builder, page after page", async () => {
    const receipts: NewReceipt[] = Array.from({ length: 7 }, (_, i) => ({
      kind: "queue_setting_changed",
      actor,
      reason: i % 2 === 0 ? `reason ${i}` : undefined,
      batchId: i % 3 === 0 ? `batch-${i}` : undefined,
      at: new Date(Date.UTC(2026, 11, 1, 10, 0, i, i * 7)),
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

  it.skipIf(databaseTarget.provider !== "sqlite")("hands over actors that cannot be changed (one object stands for many receipts)", async () => {
    const [first] = (await collect(storedReceipts())).filter((r) => r.actor_id === actor.id);
    expect(Object.isFrozen(first!.actor)).toBe(true);
  });
});
