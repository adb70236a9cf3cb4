// canonicalJsonText reads RFC 8785 text straight from stored JSON text; the
// verifier hashes what it returns, so wherever it answers it must answer
// exactly canonicalJson(JSON.parse(text)), and undefined (the full parser's
// turn) wherever it cannot be sure: an escape, a duplicate key, a malformed
// text. Held on generated values written compactly, indented, as PostgreSQL's
// jsonb prints them, and on arbitrary text.
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { canonicalJson, JsonText, parseFrozenJson } from "@/lib/base/canonical-json";
import { canonicalJsonText } from "@/lib/base/canonical-json-text";
import { JsonTooDeepError, MAX_CANONICAL_DEPTH, nestedDeeperThan } from "@/lib/base/json-depth";

/** What the full parser makes of a text (undefined where JSON.parse or canonicalJson refuses it). */
function reference(text: string): string | undefined {
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Agrees with the reference or leaves the text to it; true when it answered itself. */
function agrees(text: string): boolean {
  const fast = canonicalJsonText(text);
  if (fast !== undefined) expect(fast).toBe(reference(text));
  return fast !== undefined;
}

/** The text PostgreSQL's jsonb output gives: ", " and ": " between members, keys by length, then bytes. */
function jsonbText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value).sort((a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `{${keys.map((key) => `${JSON.stringify(key)}: ${jsonbText((value as Record<string, unknown>)[key])}`).join(", ")}}`;
  }
  return JSON.stringify(value);
}

describe("canonicalJsonText", () => {
  test("equals canonicalJson of the parsed value, or leaves it to the parser, on any JSON value in any layout", () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const canonical = canonicalJson(value);
        for (const text of [canonical, JSON.stringify(value), JSON.stringify(value, null, 2), jsonbText(value)]) {
          if (agrees(text)) answered += 1;
        }
      }),
      { numRuns: 2000 },
    );
    // Most generated values are plain enough to be read without the parser.
    expect(answered).toBeGreaterThan(4000);
  });

  test("equals the parser or declines on arbitrary and damaged text", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.string({ unit: "binary", maxLength: 3 }), (value, at, junk) => {
        const text = JSON.stringify(value) ?? "null";
        const cut = at % (text.length + 1);
        agrees(text.slice(0, cut) + junk + text.slice(cut));
        agrees(text.slice(0, cut));
      }),
      { numRuns: 3000 },
    );
    fc.assert(fc.property(fc.string({ unit: "binary" }), (text) => void agrees(text)), { numRuns: 2000 });
  });

  test.each([
    ["canonical text, returned as it is", '{"a":[1,true,null,"x"],"b":{"c":-12}}', "same"],
    ["keys out of order", '{"b":1,"a":2}', '{"a":2,"b":1}'],
    ["jsonb layout", '{"b": [1, 2], "aa": {"d": "x", "c": null}}', '{"aa":{"c":null,"d":"x"},"b":[1,2]}'],
    ["UTF-16 order, not jsonb's length-first order", '{"z": 1, "\u00e9": 2, "A": 3, "\ud83d\ude00": 4, "\uff61": 5}', '{"A":3,"z":1,"\u00e9":2,"\ud83d\ude00":4,"\uff61":5}'],
    ["numbers in ECMAScript form", "[1.50, 1e21, -0, 0.000001, 1E-7, 100000000000000000000, 12.0]", "[1.5,1e+21,0,0.000001,1e-7,100000000000000000000,12]"],
    ["an escape: left to the parser", '{"a":"line\\nbreak"}', undefined],
    ["a duplicate key: left to the parser (it keeps the last)", '{"a":1,"a":2}', undefined],
    ["a lone surrogate: left to the parser", '["\ud800"]', undefined],
    ["too large a number: refused as the parser's canonicalJson refuses it", "[1e400]", undefined],
    ["trailing text", '{"a":1} x', undefined],
    ["a leading zero", "[01]", undefined],
    ["an empty text", "", undefined],
  ])("%s", (_name, text, expected) => {
    expect(canonicalJsonText(text)).toBe(expected === "same" ? text : expected);
    if (expected !== undefined) expect(canonicalJsonText(text)).toBe(canonicalJson(JSON.parse(text)));
  });

  test("canonical stored text comes back as the very same string (no copy)", () => {
    const text = canonicalJson({ proposal_id: "p1", policies: [], scopes: ["ap:read"], tier: "commit", n: 12 });
    expect(canonicalJsonText(text)).toBe(text);
  });
});

describe("JsonText", () => {
  test("hashes as the value it holds, and serializes as that value", () => {
    const value = { b: [1, { d: "x\ny", c: 2.5 }], a: "\u00e9" };
    for (const text of [JSON.stringify(value), jsonbText(value), canonicalJson(value)]) {
      expect(canonicalJson(new JsonText(text))).toBe(canonicalJson(value));
      expect(JSON.parse(JSON.stringify({ payload: new JsonText(text) }))).toEqual({ payload: value });
    }
  });
});

describe("nesting past MAX_CANONICAL_DEPTH (a row planted in the database, never a body intake accepts)", () => {
  const nested = (levels: number, open = "[", close = "]") => open.repeat(levels) + close.repeat(levels);

  test("is refused with JsonTooDeepError, not a stack overflow, by both passes and by canonicalJson", () => {
    for (const text of [nested(200_000), `{"a": ${"[".repeat(200_000)}1${"]".repeat(200_000)}}`, `{"b":1,"a":${'{"a":'.repeat(200_000)}1${"}".repeat(200_000)}}`]) {
      expect(() => canonicalJsonText(text)).toThrow(JsonTooDeepError);
      expect(() => canonicalJson(new JsonText(text))).toThrow(JsonTooDeepError);
    }
    expect(() => canonicalJson(JSON.parse(nested(200_000)))).toThrow(JsonTooDeepError);
    expect(() => parseFrozenJson(nested(200_000))).toThrow(JsonTooDeepError);
  });

  test("holds exactly at the bound on every path: MAX_CANONICAL_DEPTH levels pass, one more does not", () => {
    for (const layout of [(n: number) => nested(n), (n: number) => `${"[ ".repeat(n)}${" ]".repeat(n)}`, (n: number) => `${'{"k": '.repeat(n)}1${"}".repeat(n)}`]) {
      const fits = layout(MAX_CANONICAL_DEPTH);
      expect(canonicalJsonText(fits)).toBe(canonicalJson(JSON.parse(fits)));
      expect(() => canonicalJsonText(layout(MAX_CANONICAL_DEPTH + 1))).toThrow(JsonTooDeepError);
      expect(() => canonicalJson(JSON.parse(layout(MAX_CANONICAL_DEPTH + 1)))).toThrow(JsonTooDeepError);
    }
    expect(nestedDeeperThan(JSON.parse(nested(MAX_CANONICAL_DEPTH)))).toBe(false);
    expect(nestedDeeperThan(JSON.parse(nested(MAX_CANONICAL_DEPTH + 1)))).toBe(true);
    expect(nestedDeeperThan(JSON.parse(nested(200_000)))).toBe(true);
  });
});
