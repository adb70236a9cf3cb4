// canonicalJson writes RFC 8785 text with its own loops for speed (the
// verifier canonicalizes two values per receipt); every digest and receipt
// hash ever stored was taken over the reference implementation's text, so the
// two must agree byte for byte on every value, plain or odd.
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import canonicalize from "canonicalize";
import { canonicalJson, parseFrozenJson } from "@/lib/base/canonical-json";

describe("canonicalJson", () => {
  test("equals the reference implementation on any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 2000 },
    );
  });

  test("equals the reference on objects with unicode keys, escapes, numbers and undefined members", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: "binary" }), fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ unit: "binary" }), fc.constant(undefined), fc.boolean(), fc.constant(null))),
        fc.array(fc.oneof(fc.integer(), fc.constant(undefined), fc.string())),
        (object, array) => {
          const value = { object, array, nested: [object, { array }] };
          expect(canonicalJson(value)).toBe(canonicalize(value));
        },
      ),
      { numRuns: 1000 },
    );
  });

  test.each([
    ["keys sorted by UTF-16 code units", { "\u00e9": 1, z: 2, A: 3, "\ud83d\ude00": 4, "\uff61": 5, "": 6 }],
    ["numbers in ECMAScript form", [0, -0, 1e21, 1e-7, 0.1 + 0.2, 5e-324, 9007199254740993, -1.5]],
    ["dates and toJSON through the reference", { at: new Date("2026-12-01T10:00:00.000Z"), custom: { toJSON: () => ({ b: 1, a: 2 }) } }],
    ["undefined and symbols: dropped in objects, null in arrays", { a: undefined, b: Symbol("x"), c: [undefined, Symbol("y"), 1] }],
  ])("%s", (_name, value) => {
    expect(canonicalJson(value)).toBe(canonicalize(value));
  });

  test("refuses what the reference refuses", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow();
    expect(() => canonicalJson(undefined)).toThrow();
    expect(() => canonicalJson(() => 1)).toThrow();
  });

  test("a value from parseFrozenJson is frozen all the way down, so its remembered text stays true", () => {
    const text = '{"z":1,"a":{"list":[{"b":2,"a":1}]},"name":"Dana"}';
    const value = parseFrozenJson(text) as { a: { list: { b: number }[] } };
    expect(canonicalJson(value)).toBe(canonicalize(JSON.parse(text)));
    expect(() => {
      "use strict";
      value.a.list[0]!.b = 3;
    }).toThrow(TypeError);
    expect(canonicalJson(value)).toBe(canonicalize(JSON.parse(text)));
  });
});
