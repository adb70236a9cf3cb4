// The gateway and the permission prompt offline: an MCP client, the gateway and
// the test shop connected in memory, Countersign played by the SDK's fake
// server. The same behaviour runs against the real server and a person in
// Chromium in e2e/sdk/mcp-gateway.spec.ts.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Countersign } from "../client";
import { FakeCountersign } from "../testing/fake-server";
import { checkConfig } from "./config";
import { createGateway } from "./gateway";
import { createPermissionPrompt } from "./permission-prompt";
import { createShopServer, UPSTREAM_TOOLS } from "./testing/shop";

let fake: FakeCountersign;
let calls: Array<{ name: string; args: Record<string, unknown> }>;
let client: Client;
let closers: Array<() => Promise<void>>;

const actor = { type: "user" as const, id: "dana@example.com", email: "dana@example.com" };

async function connect(server: Server): Promise<Client> {
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const c = new Client({ name: "test-client", version: "1.0.0" });
  await c.connect(b);
  closers.push(() => c.close(), () => server.close());
  return c;
}

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const proposal = (n: number) => until(() => [...fake.proposals.values()][n - 1], `proposal ${n}`);
const text = (result: unknown) => ((result as { content: Array<{ text: string }> }).content ?? []).map((c) => c.text).join("\n");
/** An argument value nested `levels` deep ([[[…]]]): what a hostile or broken client may send. */
const nested = (levels: number): unknown => {
  let value: unknown = [];
  for (let i = 1; i < levels; i++) value = [value];
  return value;
};

beforeEach(async () => {
  fake = new FakeCountersign();
  calls = [];
  closers = [];
  const countersign = new Countersign({ baseUrl: "http://countersign.test", apiKey: "test-key", fetch: fake.fetch, pollIntervalMs: 10 });
  const upstream = await connect(createShopServer((call) => calls.push(call)));
  const config = checkConfig({ tools: { refund_order: { title: "Refund {{order_id}} ({{amount}})", risk: "high" } } });
  client = await connect(createGateway({ countersign, upstream, domain: "shop", queue: "orders", config, actor, progressIntervalMs: 50 }));
});

afterEach(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
});

describe("the gateway", () => {
  it("lists the upstream's tools unchanged", async () => {
    expect((await client.listTools()).tools).toEqual(UPSTREAM_TOOLS);
  });

  it("proposes a read-only call as <domain>:read and passes it once approved by policy", async () => {
    const result = client.callTool({ name: "search_orders", arguments: { query: "ann" } });
    const stored = await proposal(1);
    expect(stored.envelope).toMatchObject({ queue: "orders", scopes: ["shop:read"], actor, plan: [{ tool: "search_orders", scope: "shop:read", args: { query: "ann" } }] });
    fake.approve(stored.proposal.id);
    expect(text(await result)).toBe('2 orders match "ann": A-1, A-2');
    expect(calls).toEqual([{ name: "search_orders", args: { query: "ann" } }]);
    expect(fake.executions[0]!.body).toMatchObject({ outcome: "executed", digest: stored.proposal.digest });
  });

  it("holds a call with side effects, then runs the APPROVED (edited) arguments and reports the approved digest", async () => {
    const progress: Array<{ progress: number; message?: string }> = [];
    const result = client.callTool({ name: "refund_order", arguments: { order_id: "A-1", amount: 30 } }, undefined, { onprogress: (p) => progress.push(p) });
    const stored = await proposal(1);
    expect(stored.envelope).toMatchObject({ title: "Refund A-1 (30)", risk: "high", scopes: ["shop:commit"] });
    await until(() => (progress.length >= 3 ? true : undefined), "three progress notifications");
    expect(calls).toEqual([]);
    expect(progress.map((p) => p.progress)).toEqual([...progress.map((p) => p.progress)].sort((a, b) => a - b));
    expect(progress[0]!.message).toContain(`/proposals/${stored.proposal.id}`);

    fake.approve(stored.proposal.id, [{ ...stored.envelope.plan[0]!, args: { order_id: "A-1", amount: 25, note: "partial" } }]);
    const answered = await result;
    expect(answered.isError).toBeFalsy();
    expect(calls).toEqual([{ name: "refund_order", args: { order_id: "A-1", amount: 25, note: "partial" } }]);
    expect(text(answered)).toContain("Refunded 25 on order A-1");
    expect(text(answered)).toContain("approved with edits by Ann");
    expect(fake.executions[0]!.body).toMatchObject({ outcome: "executed", digest: stored.proposal.approved_digest });
    expect(stored.proposal.approved_digest).not.toBe(stored.proposal.digest);
  });

  it("answers a rejection with the reason and never calls the upstream", async () => {
    const result = client.callTool({ name: "refund_order", arguments: { order_id: "A-2", amount: 900 } });
    const stored = await proposal(1);
    fake.reject(stored.proposal.id, "Over the refund limit");
    const answered = await result;
    expect(answered.isError).toBe(true);
    expect(text(answered)).toMatch(/^Countersign: rejected by Ann <ann@example.com>\. Reason: Over the refund limit\. The tool was not called\./);
    expect(calls).toEqual([]);
    expect(fake.executions).toEqual([]);
  });

  it.each(["expired", "cancelled", "revoked"] as const)("answers %s with isError and never calls the upstream", async (status) => {
    const result = client.callTool({ name: "refund_order", arguments: { order_id: "A-3", amount: 1 } });
    fake.setStatus((await proposal(1)).proposal.id, status);
    const answered = await result;
    expect(answered.isError).toBe(true);
    expect(text(answered)).toMatch(new RegExp(`^Countersign: ${status}`));
    expect(calls).toEqual([]);
  });

  it("shares one proposal between a call and its retry, and runs the tool once", async () => {
    const args = { order_id: "A-4", amount: 5 };
    const first = client.callTool({ name: "refund_order", arguments: args });
    const stored = await proposal(1);
    const retry = client.callTool({ name: "refund_order", arguments: args });
    await until(() => (fake.calls.filter((c) => c.method === "POST").length >= 2 ? true : undefined), "the retry's proposal");
    expect(fake.proposals.size).toBe(1);
    fake.approve(stored.proposal.id);
    expect(text(await first)).toBe(text(await retry));
    expect(calls).toHaveLength(1);
    // Answered: the same call made again is a new action, with a new proposal.
    const again = client.callTool({ name: "refund_order", arguments: args });
    fake.approve((await proposal(2)).proposal.id);
    await again;
    expect(calls).toHaveLength(2);
  });

  it("refuses an unknown tool without proposing or calling anything", async () => {
    const answered = await client.callTool({ name: "drop_tables", arguments: {} });
    expect(answered.isError).toBe(true);
    expect(fake.proposals.size).toBe(0);
  });

  it("answers arguments nested 100,000 deep with a tool error naming the limit (not an internal error), proposing and calling nothing", async () => {
    const answered = await client.callTool({ name: "refund_order", arguments: { order_id: nested(100_000) } });
    expect(answered.isError).toBe(true);
    expect(text(answered)).toContain("nest deeper than 64 levels");
    // At the limit the call goes on to Countersign, which judges it.
    const atLimit = client.callTool({ name: "search_orders", arguments: { query: nested(63) } });
    fake.approve((await proposal(1)).proposal.id);
    expect((await atLimit).isError).toBeFalsy();
    expect(fake.proposals.size).toBe(1);
    expect(calls).toHaveLength(1);
  });

  it("passes Countersign's refusal back as the tool's error", async () => {
    fake.script.push(new Response(JSON.stringify({ error: { code: "scope_not_granted", message: "This agent is not granted shop:commit" } }), { status: 403 }));
    const answered = await client.callTool({ name: "refund_order", arguments: { order_id: "A-5", amount: 1 } });
    expect(answered.isError).toBe(true);
    expect(text(answered)).toContain("This agent is not granted shop:commit");
    expect(calls).toEqual([]);
  });
});

describe("the permission prompt", () => {
  let prompt: Client;
  beforeEach(async () => {
    const countersign = new Countersign({ baseUrl: "http://countersign.test", apiKey: "test-key", fetch: fake.fetch, pollIntervalMs: 10 });
    prompt = await connect(createPermissionPrompt({ countersign, domain: "dev", queue: "code", config: checkConfig({}), actor }));
  });

  it("offers one tool taking {tool_name, input, tool_use_id}", async () => {
    const { tools } = await prompt.listTools();
    expect(tools.map((t) => t.name)).toEqual(["permission_prompt"]);
    expect(tools[0]!.inputSchema.required).toEqual(["tool_name", "input"]);
  });

  it("answers allow with the approved (edited) input", async () => {
    const result = prompt.callTool({ name: "permission_prompt", arguments: { tool_name: "Bash", input: { command: "rm -rf build" }, tool_use_id: "toolu_1" } });
    const stored = await proposal(1);
    expect(stored.envelope).toMatchObject({ scopes: ["dev:commit"], plan: [{ tool: "Bash", args: { command: "rm -rf build" } }], trace: { tool_call_id: "toolu_1" } });
    fake.approve(stored.proposal.id, [{ ...stored.envelope.plan[0]!, args: { command: "rm -rf build/cache" } }]);
    expect(JSON.parse(text(await result))).toEqual({ behavior: "allow", updatedInput: { command: "rm -rf build/cache" } });
  });

  it("answers deny with the decision and the reason", async () => {
    const result = prompt.callTool({ name: "permission_prompt", arguments: { tool_name: "Write", input: { file_path: "/etc/hosts" }, tool_use_id: "toolu_2" } });
    fake.reject((await proposal(1)).proposal.id, "Not on this machine");
    const answer = JSON.parse(text(await result));
    expect(answer).toEqual({ behavior: "deny", message: expect.stringContaining("rejected by Ann <ann@example.com>. Reason: Not on this machine") });
  });

  it("denies an input nested 100,000 deep, naming the limit, without proposing it", async () => {
    const answered = await prompt.callTool({ name: "permission_prompt", arguments: { tool_name: "Bash", input: { command: nested(100_000) } } });
    expect(JSON.parse(text(answered))).toEqual({ behavior: "deny", message: expect.stringContaining("nest deeper than 64 levels") });
    expect(fake.proposals.size).toBe(0);
  });

  it("proposes Claude Code's read-only tools as <domain>:read", async () => {
    const result = prompt.callTool({ name: "permission_prompt", arguments: { tool_name: "Grep", input: { pattern: "TODO" } } });
    const stored = await proposal(1);
    expect(stored.envelope.scopes).toEqual(["dev:read"]);
    fake.approve(stored.proposal.id);
    expect(JSON.parse(text(await result))).toEqual({ behavior: "allow", updatedInput: { pattern: "TODO" } });
  });
});
