import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

const problemsOf = (text: string) => {
  try {
    parseConfig(text, "tools.json");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
};

describe("parseConfig", () => {
  it("reads tools with scope, tier, queue, title, risk and an actor", () => {
    const config = parseConfig(
      JSON.stringify({
        actor: { type: "user", id: "u_1", email: "dana@example.com", name: "Dana" },
        defaults: { risk: "medium", queue: "support" },
        tools: {
          refund_order: { tier: "commit", queue: "refunds", title: "Refund {{order_id}} ({{amount}})", risk: "high" },
          lookup: { scope: "crm:read" },
        },
      }),
    );
    expect(config.actor).toEqual({ type: "user", id: "u_1", email: "dana@example.com", name: "Dana" });
    expect(config.defaults).toEqual({ risk: "medium", queue: "support" });
    expect(config.tools.refund_order).toEqual({ tier: "commit", queue: "refunds", title: "Refund {{order_id}} ({{amount}})", risk: "high" });
    expect(config.tools.lookup).toEqual({ scope: "crm:read" });
  });

  it("accepts an empty object", () => {
    expect(parseConfig("{}")).toEqual({ defaults: {}, tools: {} });
  });

  it("names the file, the path and what is wrong, for every problem at once", () => {
    const problems = problemsOf(
      JSON.stringify({
        tools: {
          refund_order: { tier: "comit", titel: "x" },
          bad_scope: { scope: "Payments:admin" },
          bad_risk: { risk: "huge", intent: "no spaces allowed" },
          not_object: "commit",
        },
        actor: { type: "robot", id: "" },
        extra: true,
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'tools.refund_order.tier: must be read, write:draft or commit (got "comit")',
        expect.stringMatching(/^tools\.refund_order\.titel: unknown field/),
        expect.stringMatching(/^tools\.bad_scope\.scope: must be <domain>:<tier>/),
        'tools.bad_risk.risk: must be low, medium, high or critical (got "huge")',
        expect.stringMatching(/^tools\.bad_risk\.intent: letters, digits/),
        expect.stringMatching(/^tools\.not_object: must be an object/),
        "actor.type: must be user, service or team",
        "actor.id: must be a string of 1 to 200 characters",
        expect.stringMatching(/^extra: unknown field/),
      ]),
    );
    expect(problems).toHaveLength(9);
  });

  it("refuses text that is not JSON with a readable message", () => {
    expect(() => parseConfig("{ tools: ", "tools.json")).toThrow(/^tools\.json is not a valid countersign-mcp config:\n {2}- not JSON/);
  });

  it("refuses a scope or tier in defaults (each tool says its own)", () => {
    expect(problemsOf(JSON.stringify({ defaults: { tier: "read" } }))).toEqual([expect.stringMatching(/^defaults\.tier: unknown field/)]);
  });
});
