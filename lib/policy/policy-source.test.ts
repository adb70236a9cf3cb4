import { describe, expect, it } from "vitest";
import { excerpt, positionAt, splitPolicies } from "@/lib/policy/policy-source";

describe("splitPolicies", () => {
  it("ends a policy only at a `;` outside strings and comments, and keeps the comment right above it", () => {
    const source = [
      "// File header, separated by a blank line: belongs to no policy.",
      "",
      "// Explains the first; with a semicolon.",
      '@id("a") @message("a; b // not a comment \\" still a string;")',
      'permit (principal, action, resource) when { resource.x == "y;z" };',
      "",
      "// Second.",
      "// Two lines.",
      '@id("b") forbid (principal, action, resource);',
      "// trailing comment",
    ].join("\n");
    const chunks = splitPolicies(source);
    expect(chunks.map((c) => c.comment)).toEqual(["Explains the first; with a semicolon.", "Second.\nTwo lines."]);
    expect(chunks[0]!.text).toBe(
      '@id("a") @message("a; b // not a comment \\" still a string;")\npermit (principal, action, resource) when { resource.x == "y;z" };',
    );
    expect(chunks[1]!.text).toBe('@id("b") forbid (principal, action, resource);');
    expect(positionAt(source, chunks[1]!.byteOffset)).toEqual({ line: 9, column: 1 });
  });
});

describe("positionAt and excerpt", () => {
  it("turn Cedar's byte offsets into the line and column a person sees", () => {
    const source = "// é ✓\nwhen { x };";
    const offset = Buffer.byteLength("// é ✓\nwhen { ");
    expect(positionAt(source, offset)).toEqual({ line: 2, column: 8 });
    expect(excerpt(source, { line: 2, column: 8 })).toBe("      2 | when { x };\n        |        ^");
  });
});
