import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, digestOf } from "@/lib/base/canonical-json";

describe("RFC 8785 canonical JSON", () => {
  it("sorts keys by UTF-16 code units, recursively, and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    // "\u20ac" (€) sorts after "\r" and "1" and before the emoji's surrogate pair.
    expect(canonicalJson({ "\u20ac": 1, "\r": 2, "1": 3, "\ud83d\ude00": 4, "\u00f6": 5 })).toBe(
      '{"\\r":2,"1":3,"ö":5,"€":1,"😀":4}',
    );
  });

  it("serializes numbers like ECMAScript (the RFC's sample)", () => {
    const value = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalJson(value)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
    expect(canonicalJson([-0, 1e21, 1e-7, 100, 0.1 + 0.2])).toBe("[0,1e+21,1e-7,100,0.30000000000000004]");
  });

  it("keeps unicode as is, escaping only what JSON requires", () => {
    expect(canonicalJson({ s: "Zoë \u2028 \u0007 \"q\"" })).toBe('{"s":"Zoë \u2028 \\u0007 \\"q\\""}');
  });
});

describe("digestOf", () => {
  it("is SHA-256 hex of the canonical form (fixed vectors)", () => {
    expect(digestOf({})).toBe("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    expect(digestOf({ b: 2, a: 1 })).toBe("43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777");
    expect(digestOf({ b: 2, a: 1 })).toBe(createHash("sha256").update('{"a":1,"b":2}').digest("hex"));
  });
  it("is the same for the same value in any key order and differs for any change", () => {
    expect(digestOf({ a: 1, b: [1, 2] })).toBe(digestOf({ b: [1, 2], a: 1 }));
    expect(digestOf({ a: 1, b: [1, 2] })).not.toBe(digestOf({ a: 1, b: [2, 1] }));
    expect(digestOf({ amount: "12480.00" })).not.toBe(digestOf({ amount: "12480.0" }));
  });
});
