// receiptHashText writes the top level of the canonical JSON by hand (for the
// verifier's speed); it must stay byte-for-byte what RFC 8785 canonicalization
// of the same fields gives, or every stored hash would stop verifying.
import { describe, expect, test } from "vitest";
import { canonicalJson } from "@/lib/base/canonical-json";
import { receiptHashText, type ReceiptHashInput } from "@/lib/receipts/receipt-hash";

const base: ReceiptHashInput = {
  seq: 42,
  id: "r_1",
  prev_hash: "a".repeat(64),
  kind: "approved",
  proposal_id: "p_1",
  actor_type: "user",
  actor_id: "u_1",
  actor: { type: "user", id: "u_1", email: "dana@company.com", name: "Dana Ops" },
  payload: { outcome: "approved", batch_size: 500, policies: [], final: true },
  digest: "b".repeat(64),
  reason: null,
  batch_id: "batch-1",
  created_at: "2026-12-01T10:00:00.000Z",
};

// What the hash covered before the hand-written top level: the object, canonicalized.
const reference = (input: ReceiptHashInput) => canonicalJson({ ...input });

describe("receiptHashText", () => {
  const cases: [string, Partial<ReceiptHashInput>][] = [
    ["a plain receipt", {}],
    ["nulls everywhere they may be", { proposal_id: null, actor_id: null, digest: null, batch_id: null, reason: null }],
    ["strings that need escaping", { reason: 'quote " backslash \\ newline \n tab \t nul \u0000 lone \ud800 emoji 😀', id: "é\u2028" }],
    ["nested values with keys out of order and odd numbers", { payload: { z: [3, { b: 1, a: -0 }], a: 1e21, é: 0.1 + 0.2, A: 5e-7, "": null } }],
    ["an actor with unicode keys", { actor: { ß: 1, z: "x", a: [null, true, false] } }],
    ["a large seq", { seq: 9_007_199_254_740_991 }],
  ];
  test.each(cases)("matches canonical JSON of the object: %s", (_name, change) => {
    const input = { ...base, ...change };
    expect(receiptHashText(input)).toBe(reference(input));
  });

  test("a field left undefined is dropped, as canonical JSON drops it", () => {
    const input = { ...base, reason: undefined } as unknown as ReceiptHashInput;
    expect(receiptHashText(input)).toBe(reference(input));
    expect(receiptHashText(input)).not.toContain("reason");
  });

  test("a number canonical JSON refuses is refused", () => {
    expect(() => receiptHashText({ ...base, seq: Number.NaN })).toThrow();
  });
});
