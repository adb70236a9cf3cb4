import { describe, expect, it } from "vitest";
import { formatNumber, isNumericChange, listDiff } from "@/lib/proposals/field-diff";
import { languageOfFile, languageOfTarget } from "@/lib/text/code-language";

describe("listDiff", () => {
  it("lists the items added and removed, counting the unchanged", () => {
    expect(listDiff(["a@x", "b@x", "c@x"], ["b@x", "d@x", "c@x"])).toEqual({ added: ["d@x"], removed: ["a@x"], unchanged: 2 });
  });
  it("ignores order, counts repeats, compares objects by content", () => {
    expect(listDiff([1, 2, 3], [3, 2, 1])).toEqual({ added: [], removed: [], unchanged: 3 });
    expect(listDiff(["a", "a"], ["a"])).toEqual({ added: [], removed: ["a"], unchanged: 1 });
    expect(listDiff([{ id: 1, role: "x" }], [{ role: "x", id: 1 }, { id: 2 }])).toEqual({ added: [{ id: 2 }], removed: [], unchanged: 1 });
  });
  it("treats a missing side as an empty list, and anything else as no list change", () => {
    expect(listDiff(undefined, ["a"])).toEqual({ added: ["a"], removed: [], unchanged: 0 });
    expect(listDiff(["a"], null)).toEqual({ added: [], removed: ["a"], unchanged: 0 });
    expect(listDiff("a", ["a"])).toBeNull();
    expect(listDiff(null, null)).toBeNull();
    expect(listDiff({ a: 1 }, [])).toBeNull();
  });
});

describe("formatNumber", () => {
  it("groups thousands and keeps the decimals as written", () => {
    expect(formatNumber("12480.00")).toBe("12,480.00");
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatNumber(-9876.5)).toBe("−9,876.5");
    expect(formatNumber("0.10")).toBe("0.10");
    expect(formatNumber(999)).toBe("999");
  });
  it("leaves anything that is not exactly a number alone", () => {
    expect(formatNumber("$12.00")).toBeNull();
    expect(formatNumber("12 480")).toBeNull();
    expect(formatNumber("INV-2291")).toBeNull();
    expect(formatNumber(true)).toBeNull();
    expect(formatNumber(null)).toBeNull();
    expect(formatNumber(Number.NaN)).toBeNull();
  });
  it("a change is numeric when both sides are numbers or absent", () => {
    expect(isNumericChange("0.00", "12480.00")).toBe(true);
    expect(isNumericChange(null, 5)).toBe(true);
    expect(isNumericChange("approved", "paid")).toBe(false);
    expect(isNumericChange(null, null)).toBe(false);
  });
});

describe("languageOfFile", () => {
  it("names the language of a file by its extension or name", () => {
    expect(languageOfFile("src/lib/retry.ts")).toBe("typescript");
    expect(languageOfFile("components/Gauge.tsx")).toBe("tsx");
    expect(languageOfFile("scripts/deploy.PY")).toBe("python");
    expect(languageOfFile("Makefile")).toBe("makefile");
    expect(languageOfTarget({ id: "northwind/firmware:src/flags.ts", label: "firmware/src/flags.ts" })).toBe("typescript");
    expect(languageOfTarget({ id: "em_5", label: "config/app.yaml" })).toBe("yaml");
  });
  it("gives none for prose and unknown files", () => {
    expect(languageOfFile("Remittance advice to Acme")).toBeNull();
    expect(languageOfFile("notes.docx")).toBeNull();
    expect(languageOfFile("")).toBeNull();
    expect(languageOfTarget({ id: "em_5" })).toBeNull();
  });
});
