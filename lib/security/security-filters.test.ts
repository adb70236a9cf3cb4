import { describe, expect, it } from "vitest";
import { encodeSecurityCursor, parseSecurityCursor, parseSecurityFilters, securityFiltersToSearch } from "@/lib/security/security-filters";
import { isRefusalCode, isRefusedStatus, ruleOf } from "@/lib/security/refusal-codes";

describe("security log filters", () => {
  it("keeps valid values and drops malformed ones instead of failing", () => {
    expect(parseSecurityFilters({ code: "forbidden", actorType: "agent", actor: " dana@ ", from: "2026-11-01", to: "2026-11-30" })).toEqual({
      code: "forbidden",
      actorType: "agent",
      actor: "dana@",
      from: "2026-11-01",
      to: "2026-11-30",
    });
    expect(parseSecurityFilters({ code: "DROP TABLE", actorType: "robot", from: "2026-02-30", actor: "" })).toEqual({});
  });

  it("round-trips filters and the cursor through the URL", () => {
    const filters = parseSecurityFilters({ code: "unauthenticated", actor: "ap-bot" });
    const cursor = { createdAt: new Date("2026-11-25T10:00:00.123Z"), id: "cm123abc" };
    const search = new URLSearchParams(securityFiltersToSearch(filters, { cursor: encodeSecurityCursor(cursor) }).slice(1));
    expect(parseSecurityFilters(search)).toEqual(filters);
    expect(parseSecurityCursor(search)).toEqual(cursor);
    expect(parseSecurityCursor({ cursor: "yesterday" })).toBeNull();
  });
});

describe("what counts as a refusal", () => {
  it("logs rights failures, not input or state errors", () => {
    for (const code of ["unauthenticated", "forbidden", "not_allowed", "separation_of_duties"]) expect(isRefusalCode(code)).toBe(true);
    for (const code of ["invalid_input", "not_found", "conflict", "expired", "no_changes"]) expect(isRefusalCode(code)).toBe(false);
    expect([401, 403].map((s) => isRefusedStatus(s, false))).toEqual([true, true]);
    expect(isRefusedStatus(404, false)).toBe(false);
    expect(isRefusedStatus(404, true)).toBe(true);
    expect([400, 413, 429].some((s) => isRefusedStatus(s, true))).toBe(false);
  });

  it("names the rule: the policies an error carries, else the built-in rule for its code", () => {
    expect(ruleOf({ policies: ["approve-role", "sod-sponsor"] }, "not_allowed")).toBe("approve-role, sod-sponsor");
    expect(ruleOf({}, "forbidden")).toBe("role");
    expect(ruleOf(null, "something_else")).toBeNull();
  });
});
