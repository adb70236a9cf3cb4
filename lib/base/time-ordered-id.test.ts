// A batch's decision rows and receipts take time-ordered ids so their entries in the id indexes land
// together at the end (time-ordered-id.ts): with random ids (randomUUID) this fails.
import { describe, expect, it } from "vitest";
import { timeOrderedId } from "@/lib/base/time-ordered-id";

/** The id's first 48 bits: milliseconds since 1970 (RFC 9562, UUID version 7). */
function millisecondsOf(id: string): number {
  return parseInt(id.replace(/-/g, "").slice(0, 12), 16);
}

describe("timeOrderedId", () => {
  it("is a UUID whose byte order follows the time it was made", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(timeOrderedId());
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("starts with the clock's milliseconds, so ids made together share their leading bytes", () => {
    const before = Date.now();
    const ids = Array.from({ length: 500 }, () => timeOrderedId());
    const after = Date.now();
    for (const id of ids) {
      expect(millisecondsOf(id)).toBeGreaterThanOrEqual(before);
      expect(millisecondsOf(id)).toBeLessThanOrEqual(after);
    }
    // Made within the same millisecond or a few, yet each one distinct and in order (the random tail differs).
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
