// The /receipts panel re-verifies the chain in the background; on a long chain
// it must not keep the server verifying most of the time.
import { expect, test } from "vitest";
import { MIN_AGE_MS, freshForMs } from "@/lib/receipts/chain-status";

test("a quick check stays fresh for the minimum, a long one twenty times its length", () => {
  expect(freshForMs({ tookMs: 200 })).toBe(MIN_AGE_MS);
  expect(freshForMs({ tookMs: 15_000 })).toBe(300_000);
});
