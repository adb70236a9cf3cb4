import { describe, expect, it } from "vitest";
import { grantFormPrefill } from "@/lib/standing-approvals/grant-form-prefill";

describe("grant form prefill", () => {
  it("opens only with grant=1", () => {
    expect(grantFormPrefill({ agent: "a" })).toBeNull();
  });

  it("reads the fields and constraints, and drops malformed values", () => {
    const values = grantFormPrefill(
      new URLSearchParams("grant=1&agent=bot&queue=ap&tool=ap.pay&equals.currency=EUR&one_of.vendor=a,b&at_most.amount=500&max_count=x12&period=day&bogus.k=1&expires_days=7&reason=Suggested"),
    )!;
    expect(values).toMatchObject({ agent: "bot", queue: "ap", tool: "ap.pay", limitPeriod: "day", maxCount: "", expiresDays: "7", reason: "Suggested" });
    expect(values.constraints).toEqual([
      { op: "equals", arg: "currency", value: "EUR" },
      { op: "one_of", arg: "vendor", value: "a,b" },
      { op: "at_most", arg: "amount", value: "500" },
    ]);
  });
});
