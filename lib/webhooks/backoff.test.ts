import { describe, expect, it } from "vitest";
import { BACKOFF_CAP_MS, backoffDelayMs } from "@/lib/webhooks/backoff";

describe("webhook backoff", () => {
  it("doubles from 10 s and caps at an hour", () => {
    const none = () => 0;
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, none))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(backoffDelayMs(12, none)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelayMs(1000, none)).toBe(BACKOFF_CAP_MS);
  });

  it("jitters at most 20 % earlier, never later", () => {
    expect(backoffDelayMs(1, () => 0.999999)).toBeGreaterThanOrEqual(8_000);
    expect(backoffDelayMs(1, () => 0.5)).toBe(9_000);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelayMs(3);
      expect(d).toBeGreaterThanOrEqual(32_000);
      expect(d).toBeLessThanOrEqual(40_000);
    }
  });
});
