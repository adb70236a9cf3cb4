import { describe, expect, it } from "vitest";
import { shapeKey, shapeOf, SHAPE_KEY_PATTERN, type ShapeSource } from "@/lib/proposals/shape-key";

const base: ShapeSource = {
  agentId: "agent_1",
  queueId: "queue_1",
  intent: "pay_vendor_bill",
  plan: [
    { tool: "ap.match_invoice", args: { invoice: "INV-1", po: "PO-1" } },
    { tool: "ap.release_payment", args: { payment_id: "p1", amount: "10.00" } },
  ],
  changes: [
    { target: { type: "vendor_bill", id: "bill_1", label: "Acme INV-1" }, fields: [{ path: "status", before: "approved", after: "paid" }, { path: "paid_amount", before: "0", after: "10.00" }] },
    { target: { type: "email_draft", id: "em_1" }, format: "text", before: "", after: "Hello" },
  ],
};

describe("shapeKey", () => {
  it("is the same for look-alikes: other values, other target ids, argument and field order", () => {
    const other: ShapeSource = {
      ...base,
      plan: [
        { tool: "ap.match_invoice", args: { po: "PO-9", invoice: "INV-9" } },
        { tool: "ap.release_payment", args: { amount: "99999.00", payment_id: "p9" } },
      ],
      changes: [
        { target: { type: "vendor_bill", id: "bill_9", label: "Other" }, fields: [{ path: "paid_amount", after: "99999.00" }, { path: "status", after: "paid" }] },
        { target: { type: "email_draft", id: "em_9" }, format: "text", before: "x", after: "Other text" },
      ],
    };
    expect(shapeKey(other)).toBe(shapeKey(base));
    expect(shapeKey(base)).toMatch(SHAPE_KEY_PATTERN);
  });

  it("differs when the agent, queue, intent, tools, tool order, argument names or change paths differ", () => {
    const key = shapeKey(base);
    const variants: ShapeSource[] = [
      { ...base, agentId: "agent_2" },
      { ...base, queueId: "queue_2" },
      { ...base, intent: "pay_vendor_bill_early" },
      { ...base, plan: [base.plan[0]!, { tool: "ap.schedule_payment", args: { payment_id: "p1", amount: "10.00" } }] },
      { ...base, plan: [...base.plan].reverse() },
      { ...base, plan: [base.plan[0]!, { tool: "ap.release_payment", args: { payment_id: "p1", amount: "10.00", memo: "x" } }] },
      { ...base, plan: [base.plan[0]!] },
      { ...base, changes: [base.changes![0]!] },
      { ...base, changes: [{ ...base.changes![0]!, fields: [{ path: "status", after: "paid" }] } as ShapeSource["changes"] extends (infer C)[] | null | undefined ? C : never, base.changes![1]!] },
      { ...base, changes: [{ target: { type: "purchase_order", id: "bill_1" }, fields: [{ path: "status", after: "paid" }, { path: "paid_amount", after: "1" }] }, base.changes![1]!] },
    ];
    const keys = variants.map(shapeKey);
    for (const k of keys) expect(k).not.toBe(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("treats no changes and an empty list alike", () => {
    expect(shapeKey({ ...base, changes: undefined })).toBe(shapeKey({ ...base, changes: [] }));
    expect(shapeOf({ ...base, changes: null }).changes).toEqual([]);
  });
});
