// The MCP approval gateway against the production build, driven by the MCP
// SDK's own Client over stdio: `countersign-mcp gateway` (from source, with
// tsx) stands in front of the test shop (sdk/src/mcp/testing/upstream-server.ts),
// which appends every call it receives to a file; a person decides in Chromium.
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { createAgentKey } from "../cli";
import { newSignedInPage, signIn } from "../helpers";
import { UPSTREAM_TOOLS } from "../../sdk/src/mcp/testing/shop";

const TSX = path.resolve("node_modules/.bin/tsx");
const CLI = path.resolve("sdk/src/mcp/cli.ts");
const UPSTREAM = path.resolve("sdk/src/mcp/testing/upstream-server.ts");
const APPROVER = "sam@countersign.dev";
// Whom the calls act for: not the approver (separation of duties would stop Sam).
const ACTOR = "mcp-user@countersign.dev";

const dir = mkdtempSync(path.join(tmpdir(), "countersign-mcp-e2e-"));
const callsFile = path.join(dir, "upstream-calls.jsonl");
const configFile = path.join(dir, "tools.json");
let key: string;
let gateway: Client;
let gatewayLog = "";
const readGatewayLog = () => gatewayLog;

type Call = { name: string; args: Record<string, unknown> };
const upstreamCalls = (): Call[] =>
  existsSync(callsFile)
    ? readFileSync(callsFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];
const text = (result: unknown) => ((result as { content: Array<{ text?: string }> }).content ?? []).map((c) => c.text ?? "").join("\n");

async function startClient(args: string[], baseURL: string, log: (chunk: string) => void): Promise<Client> {
  const transport = new StdioClientTransport({
    command: TSX,
    args: [CLI, ...args],
    env: { ...(process.env as Record<string, string>), COUNTERSIGN_URL: baseURL, COUNTERSIGN_API_KEY: key, UPSTREAM_CALLS_FILE: callsFile },
    stderr: "pipe",
  });
  transport.stderr?.on("data", (chunk: Buffer) => log(chunk.toString("utf8")));
  const client = new Client({ name: "e2e-mcp-client", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

/** The id of the next proposal the gateway logs on stderr ("<tool>: proposed as <scope> (<status>) <url>/proposals/<id>") after `from`. */
async function proposedId(log: () => string, from: number): Promise<string> {
  const find = () => /: proposed as \S+ \(\w+\) \S+\/proposals\/([A-Za-z0-9_-]+)/.exec(log().slice(from))?.[1];
  await expect.poll(find, { timeout: 60_000, message: "the gateway to log the proposal" }).toBeTruthy();
  return find()!;
}

async function agentView(request: APIRequestContext, id: string) {
  const response = await request.get(`/api/v1/proposals/${id}`, { headers: { authorization: `Bearer ${key}` } });
  expect(response.status()).toBe(200);
  return response.json();
}

async function openProposal(page: Page, id: string) {
  await signIn(page, APPROVER);
  await page.goto(`/proposals/${id}`);
  await expect(page.getByRole("region", { name: "Decision" })).toBeVisible();
}

test.beforeAll(async ({ baseURL }) => {
  // The CLI and two tsx processes start cold on a busy machine.
  test.setTimeout(180_000);
  key = createAgentKey(`e2e-mcp-${Date.now().toString(36)}`, "admin@countersign.dev", "ap:read,ap:commit");
  writeFileSync(configFile, JSON.stringify({ tools: { refund_order: { title: "Refund {{order_id}} ({{amount}})", risk: "high" } } }));
  gateway = await startClient(
    ["gateway", "--queue", "accounts-payable", "--domain", "ap", "--config", configFile, "--actor-email", ACTOR, "--progress-seconds", "3", "--", TSX, UPSTREAM],
    baseURL!,
    (chunk) => (gatewayLog += chunk),
  );
});

test.afterAll(async () => {
  await gateway?.close();
});

test("the gateway lists the upstream's tools unchanged", async () => {
  const { tools } = await gateway.listTools();
  expect(tools).toEqual(UPSTREAM_TOOLS);
});

test("a read-only call is recorded as ap:read and passes at once", async ({ request }) => {
  const result = await gateway.callTool({ name: "search_orders", arguments: { query: "acme" } });
  expect(result.isError).toBeFalsy();
  expect(text(result)).toBe('2 orders match "acme": A-1, A-2');
  expect(upstreamCalls()).toEqual([expect.objectContaining({ name: "search_orders", args: { query: "acme" } })]);
  // Recorded: a proposal approved by policy, whose execution the gateway reported.
  const id = /search_orders: proposed as ap:read \(approved\) \S+\/proposals\/(\S+)/.exec(gatewayLog)?.[1];
  expect(id, gatewayLog).toBeTruthy();
  await expect.poll(async () => (await agentView(request, id!)).status).toBe("executed");
  const view = await agentView(request, id!);
  expect(view).toMatchObject({ tier: "read", decision: { decided_by: null, decided_by_policy: expect.any(String) } });
  expect(view.execution).toMatchObject({ outcome: "executed", digest: view.approved_digest, digest_matches: true });
});

test("a call with side effects is held until a person approves it, with edits, and then runs with the approved arguments", async ({ page, request, browser }) => {
  test.setTimeout(180_000);
  const progress: string[] = [];
  const from = gatewayLog.length;
  const pending = gateway.callTool({ name: "refund_order", arguments: { order_id: "A-1", amount: 30 } }, undefined, {
    timeout: 60_000,
    resetTimeoutOnProgress: true,
    onprogress: (p) => progress.push(p.message ?? ""),
  });
  const id = await proposedId(readGatewayLog, from);
  await expect.poll(() => progress.length, { message: "progress while held" }).toBeGreaterThan(0);
  expect(progress[0]).toContain(`/proposals/${id}`);
  const held = await agentView(request, id);
  expect(held).toMatchObject({ status: "pending", tier: "commit" });
  expect(upstreamCalls().filter((c) => c.name === "refund_order")).toEqual([]);

  await openProposal(page, id);
  await expect(page.getByRole("heading", { name: "Refund A-1 (30)" })).toBeVisible();
  await page.getByRole("button", { name: "Edit before approve" }).click();
  const args = page.getByLabel("Arguments for step 1 (JSON)");
  expect(JSON.parse(await args.inputValue())).toEqual({ order_id: "A-1", amount: 30 });
  await args.fill(JSON.stringify({ order_id: "A-1", amount: 25, note: "partial refund" }, null, 2));
  await page.getByRole("button", { name: "Approve with edits" }).click();
  // An edit of a commit step needs a second approver who did not edit (docs/decisions.md).
  await expect(page.getByText(/needs a second approver/).first()).toBeVisible();
  const second = await newSignedInPage(browser, "dana@countersign.dev");
  await second.goto(`/proposals/${id}`);
  await second.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(second.getByText(/Approved\. The agent can now proceed/)).toBeVisible();
  await second.context().close();

  const result = await pending;
  expect(result.isError).toBeFalsy();
  expect(text(result)).toContain("Refunded 25 on order A-1");
  // The second approver completes the approval after Sam's edit, so the gateway names Dana.
  expect(text(result)).toContain("approved with edits by Dana Ops");
  expect(upstreamCalls().filter((c) => c.name === "refund_order")).toEqual([
    expect.objectContaining({ args: { order_id: "A-1", amount: 25, note: "partial refund" } }),
  ]);
  await expect.poll(async () => (await agentView(request, id)).status).toBe("executed");
  const done = await agentView(request, id);
  expect(done.execution).toMatchObject({ outcome: "executed", digest: done.approved_digest, digest_matches: true });
  expect(done.approved_digest).not.toBe(done.digest);
});

test("a rejected call returns the decision and the reason, and never reaches the upstream", async ({ page }) => {
  test.setTimeout(180_000);
  const progress: string[] = [];
  const from = gatewayLog.length;
  const pending = gateway.callTool({ name: "refund_order", arguments: { order_id: "A-2", amount: 900 } }, undefined, {
    timeout: 60_000,
    resetTimeoutOnProgress: true,
    onprogress: (p) => progress.push(p.message ?? ""),
  });
  const id = await proposedId(readGatewayLog, from);
  await openProposal(page, id);
  await page.getByRole("button", { name: "Reject", exact: true }).click();
  await page.getByLabel("Reason").fill("Over the refund limit for this customer");
  await page.getByRole("button", { name: "Confirm rejection" }).click();

  const result = await pending;
  expect(result.isError).toBe(true);
  expect(text(result)).toContain("Countersign: rejected by Sam Rivera");
  expect(text(result)).toContain("Reason: Over the refund limit for this customer");
  expect(text(result)).toContain("The tool was not called");
  // Give a wrongly forwarded call time to land before proving it never did.
  await page.waitForTimeout(2000);
  expect(upstreamCalls().filter((c) => c.args.order_id === "A-2")).toEqual([]);
});

test("a client with a 60-second timeout that resets on progress survives a 90-second wait", async ({ page }) => {
  test.setTimeout(300_000);
  const progress: string[] = [];
  const started = Date.now();
  const from = gatewayLog.length;
  const pending = gateway.callTool({ name: "refund_order", arguments: { order_id: "A-3", amount: 12 } }, undefined, {
    timeout: 60_000,
    resetTimeoutOnProgress: true,
    onprogress: (p) => progress.push(p.message ?? ""),
  });
  let settled = false;
  pending.then(
    () => (settled = true),
    () => (settled = true),
  );
  const id = await proposedId(readGatewayLog, from);
  await page.waitForTimeout(Math.max(0, 90_000 - (Date.now() - started)));
  expect(settled, "the call must still be waiting after 90 s").toBe(false);
  expect(progress.length).toBeGreaterThanOrEqual(20);

  await openProposal(page, id);
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  const result = await pending;
  expect(Date.now() - started).toBeGreaterThan(90_000);
  expect(result.isError).toBeFalsy();
  expect(text(result)).toContain("Refunded 12 on order A-3");
});

test("permission-prompt answers Claude Code's allow (with the edited input) and deny shapes", async ({ page, baseURL, browser }) => {
  test.setTimeout(240_000);
  let promptLog = "";
  const prompt = await startClient(["permission-prompt", "--queue", "accounts-payable", "--domain", "ap", "--actor-email", ACTOR, "--progress-seconds", "3"], baseURL!, (chunk) => (promptLog += chunk));
  const readPromptLog = () => promptLog;
  try {
    expect((await prompt.listTools()).tools.map((t) => t.name)).toEqual(["permission_prompt"]);

    const allowProgress: string[] = [];
    let from = promptLog.length;
    const allow = prompt.callTool(
      { name: "permission_prompt", arguments: { tool_name: "Bash", input: { command: "rm -rf build", description: "Clean" }, tool_use_id: "toolu_e2e_1" } },
      undefined,
      { timeout: 60_000, resetTimeoutOnProgress: true, onprogress: (p) => allowProgress.push(p.message ?? "") },
    );
    const allowId = await proposedId(readPromptLog, from);
    await openProposal(page, allowId);
    await page.getByRole("button", { name: "Edit before approve" }).click();
    await page.getByLabel("Arguments for step 1 (JSON)").fill(JSON.stringify({ command: "rm -rf build/cache", description: "Clean" }));
    await page.getByRole("button", { name: "Approve with edits" }).click();
    // The edited commit step needs a second approver who did not edit.
    await expect(page.getByText(/needs a second approver/).first()).toBeVisible();
    const second = await newSignedInPage(browser, "dana@countersign.dev");
    await second.goto(`/proposals/${allowId}`);
    await second.getByRole("button", { name: "Approve", exact: true }).click();
    await expect(second.getByText(/Approved\. The agent can now proceed/)).toBeVisible();
    await second.context().close();
    expect(JSON.parse(text(await allow))).toEqual({ behavior: "allow", updatedInput: { command: "rm -rf build/cache", description: "Clean" } });

    expect(allowProgress.length, "progress while the permission waits").toBeGreaterThan(0);

    const denyProgress: string[] = [];
    from = promptLog.length;
    const deny = prompt.callTool(
      { name: "permission_prompt", arguments: { tool_name: "Write", input: { file_path: "/etc/hosts", content: "x" }, tool_use_id: "toolu_e2e_2" } },
      undefined,
      { timeout: 60_000, resetTimeoutOnProgress: true, onprogress: (p) => denyProgress.push(p.message ?? "") },
    );
    const denyId = await proposedId(readPromptLog, from);
    await page.goto(`/proposals/${denyId}`);
    await page.getByRole("button", { name: "Reject", exact: true }).click();
    await page.getByLabel("Reason").fill("Not on this machine");
    await page.getByRole("button", { name: "Confirm rejection" }).click();
    const answer = JSON.parse(text(await deny));
    expect(answer).toEqual({ behavior: "deny", message: expect.stringContaining("rejected by Sam Rivera") });
    expect(answer.message).toContain("Reason: Not on this machine");
  } finally {
    await prompt.close();
  }
});
