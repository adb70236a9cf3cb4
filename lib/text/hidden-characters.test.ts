import { describe, expect, it } from "vitest";
import { containsHiddenCharacters, findHiddenCharacters, firstRefusedCharacter, segmentText } from "@/lib/text/hidden-characters";

const labels = (text: string) => findHiddenCharacters(text).map((c) => c.label);

describe("findHiddenCharacters", () => {
  it("finds every direction control the issue lists", () => {
    const bidi = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c];
    for (const cp of bidi) {
      const [found] = findHiddenCharacters(`DE89${String.fromCodePoint(cp)}3704`);
      expect(found).toMatchObject({ index: 4, codePoint: cp, kind: "bidi" });
    }
    expect(findHiddenCharacters("IBAN \u202E1234")[0]).toMatchObject({ label: "U+202E", name: "right-to-left override", index: 5 });
  });

  it("finds zero-width characters, the BOM, tag characters and every other Cf", () => {
    expect(labels("p\u200Bo")).toEqual(["U+200B"]);
    expect(labels("\uFEFFx")).toEqual(["U+FEFF"]);
    expect(labels("a\u2060b\u00ADc")).toEqual(["U+2060", "U+00AD"]);
    expect(labels("x\u{E0041}y")).toEqual(["U+E0041"]);
    expect(findHiddenCharacters("x\u{E0041}y")[0]!.index).toBe(1);
  });

  it("lets the zero-width joiner through inside an emoji sequence only", () => {
    expect(labels("family 👨‍👩‍👧 ok")).toEqual([]);
    expect(labels("👋🏽‍🔥")).toEqual([]);
    expect(labels("❤️‍🔥")).toEqual([]);
    expect(labels("po\u200Dx")).toEqual(["U+200D"]);
    expect(labels("👨\u200D")).toEqual(["U+200D"]);
    expect(labels("\u200D👨")).toEqual(["U+200D"]);
  });

  it("marks control characters but not line breaks, tabs or CRLF", () => {
    expect(labels("a\nb\tc\r\nd")).toEqual([]);
    expect(labels("a\rb\u001Bc\u007F")).toEqual(["U+000D", "U+001B", "U+007F"]);
    expect(labels("a\u2028b")).toEqual(["U+2028"]);
  });

  it("finds nothing in ordinary text in any script", () => {
    for (const text of ["Pay Acme Corp $12,480.00", "Zahlung an Müller", "שלום עולם", "مرحبا", "日本語のテキスト", "e\u0301"]) {
      expect(labels(text)).toEqual([]);
    }
  });
});

describe("firstRefusedCharacter", () => {
  it("refuses direction and format characters, not control characters", () => {
    expect(firstRefusedCharacter("title \u202E")?.label).toBe("U+202E");
    expect(firstRefusedCharacter("a\u001Bb")).toBeNull();
    expect(firstRefusedCharacter("👨‍👩‍👧")).toBeNull();
  });
});

describe("segmentText", () => {
  it("splits text around each hidden character, keeping astral characters whole", () => {
    expect(segmentText("ab\u202Ecd\u{E0041}")).toEqual([
      { kind: "text", text: "ab" },
      { kind: "hidden", char: expect.objectContaining({ label: "U+202E" }) },
      { kind: "text", text: "cd" },
      { kind: "hidden", char: expect.objectContaining({ label: "U+E0041" }) },
    ]);
    expect(segmentText("plain")).toEqual([{ kind: "text", text: "plain" }]);
    expect(segmentText("")).toEqual([]);
  });

  it("joins back to the original text", () => {
    const text = "x\u200By\u202Ez👨‍👩‍👧\u0007";
    const joined = segmentText(text)
      .map((s) => (s.kind === "text" ? s.text : String.fromCodePoint(s.char.codePoint)))
      .join("");
    expect(joined).toBe(text);
  });
});

describe("containsHiddenCharacters", () => {
  it("looks through nested values and keys", () => {
    expect(containsHiddenCharacters({ a: [{ b: "ok" }] })).toBe(false);
    expect(containsHiddenCharacters({ a: [{ b: "o\u202Ek" }] })).toBe(true);
    expect(containsHiddenCharacters({ a: { "k\u200B": 1 } })).toBe(true);
  });
});
