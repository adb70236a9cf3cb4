import { describe, expect, it } from "vitest";
import { validateEnvelope } from "@/lib/proposals/envelope";
import { sampleEnvelope } from "@/test-support/fixtures";

const valid = () => JSON.parse(JSON.stringify(sampleEnvelope("accounts-payable"))) as Record<string, any>;
const issues = (body: unknown) => {
  const result = validateEnvelope(body);
  return result.ok ? [] : result.issues;
};

describe("hidden characters in the envelope", () => {
  it("refuses U+202E in the title, naming the path, the character and its position", () => {
    const body = valid();
    body.title = "Pay invoice\u202E 1234";
    expect(issues(body)).toEqual([
      { path: "title", message: "contains an invisible or direction-changing character U+202E (right-to-left override) at position 11" },
    ]);
  });

  it.each([
    ["summary", (b: any) => (b.summary = "ok\u200B")],
    ["intent", (b: any) => (b.intent = "pay\u2066")],
    ["queue", (b: any) => (b.queue = "\uFEFFaccounts-payable")],
    ["scopes[0]", (b: any) => (b.scopes[0] = "ap:read\u200E")],
    ["plan[1].tool", (b: any) => (b.plan[1].tool = "ap.create\u200Fdraft")],
    ["plan[1].scope", (b: any) => (b.plan[1].scope = "ap:write\u061C:draft")],
    ["plan[0].title", (b: any) => (b.plan[0].title = "Match\u2069")],
    ["changes[0].fields[1].path", (b: any) => (b.changes[0].fields[1].path = "paid\u00ADamount")],
  ])("refuses hidden characters in %s", (path, mutate) => {
    const body = valid();
    mutate(body);
    expect(issues(body).map((i) => i.path)).toContain(path);
  });

  it("refuses a zero-width space in a key at any depth, showing it escaped in the path", () => {
    const body = valid();
    body.plan[2].args = { "po\u200B": "PO-1", po: "PO-2" };
    expect(issues(body)).toEqual([
      { path: "plan[2].args.po\\u{200B}", message: "key contains an invisible or direction-changing character U+200B (zero-width space) at position 2" },
    ]);
    const deep = valid();
    deep.inputs = { a: [{ b: { "\u202Ec": 1 } }] };
    expect(issues(deep).map((i) => i.path)).toEqual(["inputs.a[0].b.\\u{202E}c"]);
    const trace = valid();
    trace.trace = { "conversation\u2060id": "x" };
    expect(issues(trace)).toHaveLength(1);
  });

  it.each(["__proto__", "constructor", "prototype"])("refuses the reserved key %s at any depth", (key) => {
    for (const where of ["top", "args", "changes"]) {
      const text = JSON.stringify(valid());
      const body = JSON.parse(
        where === "top"
          ? text.replace('{"queue"', `{"${key}":{"x":1},"queue"`)
          : where === "args"
            ? text.replace('"args":{"invoice"', `"args":{"${key}":{"polluted":true},"invoice"`)
            : text.replace('"path":"status"', `"path":"status","before":{"${key}":1}`).replace('"before":"approved",', ""),
      );
      const found = issues(body);
      expect(found.some((i) => i.path.endsWith(key) && i.message.includes("reserved"))).toBe(true);
    }
  });

  it("accepts hidden characters in argument values, field values, text changes and inputs (they are shown, not refused)", () => {
    const body = valid();
    body.plan[2].args = { iban: "DE89\u202E3704", note: "a\u200Bb" };
    body.changes[0].fields[0].after = "paid\u202E";
    body.changes[1].after = "Hello\u2066 team\nline two";
    body.inputs = { memo: "\uFEFFx" };
    expect(validateEnvelope(body).ok).toBe(true);
  });

  it("accepts emoji sequences joined by ZWJ in a title and a key", () => {
    const body = valid();
    body.title = "Team offsite 👨‍👩‍👧";
    body.inputs = { "👨‍👩‍👧": "family" };
    expect(validateEnvelope(body).ok).toBe(true);
  });
});

describe("malformed values in the envelope", () => {
  it("refuses a lone surrogate, naming its path", () => {
    const body = valid();
    body.plan[0].args.invoice = "INV\ud800";
    expect(issues(body)).toEqual([{ path: "plan[0].args.invoice", message: "text contains a lone surrogate \\uD800 at position 3 (not valid Unicode)" }]);
  });

  it("refuses NUL characters, non-finite and inexact numbers", () => {
    const body = valid();
    body.inputs = { a: "x\u0000", b: Infinity, c: 2 ** 60, d: 1.5, e: Number.MAX_SAFE_INTEGER };
    expect(issues(body).map((i) => i.path)).toEqual(["inputs.a", "inputs.b", "inputs.c"]);
  });

  it("refuses nesting deeper than 64 levels without overflowing the stack", () => {
    const body = valid();
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    body.inputs = { deep };
    const found = issues(body);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/nested deeper than 64/);
  });

  it("refuses an array of more than 10,000 items", () => {
    const body = valid();
    body.inputs = { list: Array.from({ length: 10_001 }, () => 0) };
    expect(issues(body)).toEqual([{ path: "inputs.list", message: "has 10001 items; at most 10000 are allowed in one list" }]);
  });
});
