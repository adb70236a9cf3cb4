import { describe, expect, it } from "vitest";
import { highestTier, parseScope, parseScopeList, scopesOutsideGrant } from "@/lib/policy/scopes";

describe("parseScope", () => {
  it.each([
    ["ap:read", "ap", "read"],
    ["ap:write:draft", "ap", "write:draft"],
    ["github:commit", "github", "commit"],
    ["support.tickets:read", "support.tickets", "read"],
    ["crm-eu:commit", "crm-eu", "commit"],
  ])("parses %s", (scope, domain, tier) => {
    expect(parseScope(scope)).toEqual({ scope, domain, tier });
  });

  it.each(["ap", "ap:", ":read", "AP:read", "ap:write", "ap:write:final", "ap:admin", "ap:read ", "1ap:read", "ap..x:read", "ap:commit:now", ""])(
    "refuses %j",
    (scope) => expect(parseScope(scope)).toBeNull(),
  );
});

describe("highestTier", () => {
  it("takes the highest tier whatever the order", () => {
    expect(highestTier(["ap:read"])).toBe("read");
    expect(highestTier(["ap:read", "ap:write:draft"])).toBe("write:draft");
    expect(highestTier(["ap:commit", "ap:read"])).toBe("commit");
    expect(highestTier(["crm:write:draft", "ap:read", "email:commit", "x:read"])).toBe("commit");
  });
  it("throws on malformed scopes and on none", () => {
    expect(() => highestTier(["ap:root"])).toThrow();
    expect(() => highestTier([])).toThrow();
  });
});

describe("parseScopeList and the grant", () => {
  it("splits, trims, dedupes and reports invalid entries", () => {
    expect(parseScopeList(" ap:read, ap:commit ,ap:read,,bad")).toEqual({ scopes: ["ap:read", "ap:commit"], invalid: ["bad"] });
  });
  it("lists exactly the scopes outside the grant", () => {
    expect(scopesOutsideGrant(["ap:read", "ap:commit", "ap:commit"], ["ap:read"])).toEqual(["ap:commit"]);
    expect(scopesOutsideGrant(["ap:read"], ["ap:read", "ap:commit"])).toEqual([]);
    expect(scopesOutsideGrant(["ap:write:draft"], [])).toEqual(["ap:write:draft"]);
  });
});
