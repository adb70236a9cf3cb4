import { describe, expect, it } from "vitest";
import { RateLimiter } from "@/lib/http/rate-limit";

describe("RateLimiter", () => {
  it("allows a burst of perMinute, then asks to wait, then refills over time", () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBe(1);
    expect(limiter.take("b")).toBe(0); // buckets are per key
    now += 1000; // one token per second at 60/min
    expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBeGreaterThan(0);
  });
});
