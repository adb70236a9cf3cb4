import { describe, expect, it } from "vitest";
import { grantFormPrefill, resolvePrefillChoices, MAX_PREFILL_CONSTRAINTS } from "@/lib/standing-approvals/grant-form-prefill";

describe("grant form prefill", () => {
  it("opens only with grant=1", () => {
    expect(grantFormPrefill({ agent: "a" })).toBeNull();
  });

  it("reads the fields and constraints, and leaves out malformed values, naming each", () => {
    const { values, problems } = grantFormPrefill(
      new URLSearchParams("grant=1&agent=bot&queue=ap&tool=ap.pay&equals.currency=EUR&one_of.vendor=a,b&at_most.amount=500&max_count=x12&period=day&bogus.k=1&expires_days=7&reason=Suggested"),
    )!;
    expect(values).toMatchObject({ agent: "bot", queue: "ap", tool: "ap.pay", limitPeriod: "day", maxCount: "", expiresDays: "7", reason: "Suggested" });
    expect(values.constraints).toEqual([
      { op: "equals", arg: "currency", value: "EUR" },
      { op: "one_of", arg: "vendor", value: "a,b" },
      { op: "at_most", arg: "amount", value: "500" },
    ]);
    expect(problems).toEqual(['max_count "x12" is not a whole number: left empty.']);
  });

  it("turns a hostile query into notes, never a throw", () => {
    const many = Array.from({ length: MAX_PREFILL_CONSTRAINTS + 2 }, (_, i) => `equals.a${i}=x`).join("&");
    const query = `grant=1&agent=${"x".repeat(500)}&at_most.amount=1e999&at_most.limit=-5&equals.${encodeURIComponent("<script>")}=1&period=forever&expires_days=999999&max_amount=NaN&reason=%1Bhi&tool=a%00b&${many}`;
    const { values, problems } = grantFormPrefill(new URLSearchParams(query))!;
    expect(values.agent).toHaveLength(200);
    expect(values.limitPeriod).toBe("total");
    expect(values.expiresDays).toBe("30");
    expect(values.maxAmount).toBe("");
    expect(values.reason).toBe("hi"); // control characters stripped
    expect(values.tool).toBe(""); // a value holding U+0000 is dropped, as by every URL reader (lib/base/search-params.ts)
    expect(values.constraints).toHaveLength(MAX_PREFILL_CONSTRAINTS);
    expect(values.constraints.map((c) => c.arg)).not.toContain("amount");
    expect(problems).toEqual(
      expect.arrayContaining([
        "agent is longer than 200 characters: cut short.",
        'The limit on amount "1e999" is not a number: left out.',
        'The limit on limit "-5" is not a number: left out.',
        'The constraint "equals.<script>" names no valid argument (letters, digits, _ . - only): left out.',
        'period "forever" is neither total nor day: total is used.',
        "expires_days must be from 1 to 3650: 30 is used.",
        'max_amount "NaN" is not a number: left empty.',
        `More than ${MAX_PREFILL_CONSTRAINTS} constraints: a21 left out.`,
      ]),
    );
  });

  it("resolves the agent by name or id, and names an unknown agent or queue", () => {
    const choices = { agents: [{ id: "ag1", name: "bot" }], queues: [{ slug: "ap" }] };
    const byName = resolvePrefillChoices(grantFormPrefill({ grant: "1", agent: "bot", queue: "ap" })!, choices);
    expect(byName).toMatchObject({ values: { agent: "ag1", queue: "ap" }, problems: [] });
    const unknown = resolvePrefillChoices(grantFormPrefill({ grant: "1", agent: "nobody", queue: "hr" })!, choices);
    expect(unknown).toMatchObject({ values: { agent: "", queue: "" }, problems: ['No agent "nobody": choose one.', 'No queue "hr": choose one.'] });
  });
});
