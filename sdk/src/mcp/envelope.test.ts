import { describe, expect, it } from "vitest";
import { resolveActor } from "./actor";
import { checkConfig } from "./config";
import { buildEnvelope, chooseScope, intentFor } from "./envelope";

const target = (tools: Record<string, unknown> = {}, defaults: Record<string, unknown> = {}) => ({
  domain: "shop",
  queue: "orders",
  config: checkConfig({ tools, defaults }),
  actor: { type: "user" as const, id: "dana@example.com", email: "dana@example.com" },
});

describe("chooseScope", () => {
  it("proposes read-only tools as <domain>:read and every other tool as <domain>:commit", () => {
    expect(chooseScope({ name: "search", annotations: { readOnlyHint: true } }, "shop", undefined)).toEqual({ scope: "shop:read", tier: "read", because: "readOnlyHint" });
    expect(chooseScope({ name: "refund", annotations: { readOnlyHint: false } }, "shop", undefined)).toEqual({ scope: "shop:commit", tier: "commit", because: "default" });
    // No annotations, or a hint that is not literally true: assume side effects.
    expect(chooseScope({ name: "refund" }, "shop", undefined).tier).toBe("commit");
    expect(chooseScope({ name: "refund", annotations: { readOnlyHint: "yes" as unknown as boolean } }, "shop", undefined).tier).toBe("commit");
  });

  it("lets the config decide over the annotations, a whole scope over a tier", () => {
    expect(chooseScope({ name: "search", annotations: { readOnlyHint: true } }, "shop", { tier: "commit" })).toEqual({ scope: "shop:commit", tier: "commit", because: "config" });
    expect(chooseScope({ name: "draft" }, "shop", { tier: "write:draft" })).toEqual({ scope: "shop:write:draft", tier: "write:draft", because: "config" });
    expect(chooseScope({ name: "pay" }, "shop", { scope: "payments:write:draft", tier: "read" })).toEqual({ scope: "payments:write:draft", tier: "write:draft", because: "config" });
  });
});

describe("buildEnvelope", () => {
  it("makes one plan step carrying the call's arguments, under the chosen scope", () => {
    const { envelope } = buildEnvelope({ name: "refund_order", args: { order_id: "A-1", amount: 30 } }, target());
    expect(envelope).toEqual({
      queue: "orders",
      intent: "refund_order",
      title: 'refund_order(order_id: "A-1", amount: 30)',
      actor: { type: "user", id: "dana@example.com", email: "dana@example.com" },
      scopes: ["shop:commit"],
      plan: [{ title: "Call refund_order", tool: "refund_order", scope: "shop:commit", args: { order_id: "A-1", amount: 30 } }],
    });
  });

  it("takes queue, title, summary, intent and risk from the tool's rule, then the defaults", () => {
    const { envelope } = buildEnvelope(
      { name: "refund_order", args: { order_id: "A-1", amount: 30 } },
      target({ refund_order: { queue: "refunds", title: "Refund {{order_id}} ({{amount}})", intent: "refund", risk: "high" } }, { summary: "Asked by the support bot for {{order_id}}" }),
    );
    expect(envelope).toMatchObject({ queue: "refunds", title: "Refund A-1 (30)", intent: "refund", risk: "high", summary: "Asked by the support bot for A-1" });
    const other = buildEnvelope({ name: "ping", args: {} }, target({}, { queue: "misc", risk: "low" })).envelope;
    expect(other).toMatchObject({ queue: "misc", risk: "low" });
  });

  it("turns tool names into valid intents", () => {
    expect(intentFor("github/create issue")).toBe("github_create_issue");
    expect(intentFor("__init")).toBe("init");
    expect(intentFor("///")).toBe("tool_call");
  });
});

describe("resolveActor", () => {
  const os = () => ({ user: "dana", host: "laptop" });
  it("prefers the email given, then the config's actor, then this machine's user", () => {
    const config = checkConfig({ actor: { type: "team", id: "support", name: "Support" } });
    expect(resolveActor("ann@example.com", config, os)).toEqual({ type: "user", id: "ann@example.com", email: "ann@example.com" });
    expect(resolveActor(undefined, config, os)).toEqual({ type: "team", id: "support", name: "Support" });
    expect(resolveActor(undefined, checkConfig({}), os)).toEqual({ type: "user", id: "dana@laptop", name: "dana" });
  });

  it("refuses an email that is not one", () => {
    expect(() => resolveActor("not-an-email", checkConfig({}), os)).toThrow(/not an email address/);
  });
});
