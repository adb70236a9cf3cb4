// The one receipt writer checks each payload against its kind's schema at run
// time, before anything is hashed: a wrong payload throws and writes nothing.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { appendReceipt, appendReceipts, type NewReceipt } from "@/lib/receipts/append-receipt";
import { checkReceiptPayload, RECEIPT_KINDS } from "@/lib/receipts/receipt-payloads";

const actor = { type: "system", id: "payload-test", name: "Payload test" } as const;
const good = { kind: "queue_setting_changed", actor, payload: { queue: "q", setting: "separation_of_duties", before: true, after: false } } as const;

/** A receipt whose payload the compiler would refuse, as code that bypassed the type would build it. */
const untyped = (kind: string, payload: unknown) => ({ kind, actor, payload }) as unknown as NewReceipt;

describe("the receipt writer's payload check", () => {
  it("refuses a missing field, a field of the wrong type, an unknown field and an unknown kind, writing nothing", async () => {
    const before = await db.receipt.count({ where: { actorId: actor.id } });
    const wrong = [
      untyped("queue_setting_changed", { queue: "q", setting: "separation_of_duties", before: true }),
      untyped("tool_created", { tool_id: "t", tool: "x", key_prefix: 42 }),
      untyped("sessions_ended", { user_id: "u", email: "e", by: "self", extra: true }),
      untyped("made_up", {}),
    ];
    for (const receipt of wrong) {
      await expect(db.$transaction((tx) => appendReceipts(tx, [good, receipt]))).rejects.toThrow(/payload|schema/);
      await expect(db.$transaction((tx) => appendReceipt(tx, receipt))).rejects.toThrow(/payload|schema/);
    }
    expect(await db.receipt.count({ where: { actorId: actor.id } })).toBe(before);
    await db.$transaction((tx) => appendReceipt(tx, good));
    expect(await db.receipt.count({ where: { actorId: actor.id } })).toBe(before + 1);
  });

  it("names the kind and the field in its message", () => {
    expect(() => checkReceiptPayload("tool_created", { tool_id: "t", tool: "x" })).toThrow(/"tool_created".*key_prefix/);
    expect(() => checkReceiptPayload("edited", {})).toThrow(/"edited"/);
  });

  it("has a schema for every kind the chain holds", async () => {
    const kinds = await db.receipt.findMany({ distinct: ["kind"], select: { kind: true } });
    for (const { kind } of kinds) expect(RECEIPT_KINDS).toContain(kind);
  });
});
