// @countersign/sdk and its framework adapters against the production build:
// the agent side runs in this test process (each framework with its own
// stand-in model), a person decides in Chromium through the real decision path
// (the proposal page: approve, edit before approve, reject), and what runs is
// what the person approved. Figures (SDK overhead per call, decision-to-agent
// latency) are printed, never asserted.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { generateText, tool as aiTool, type ModelMessage } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { Agent, run, setTracingDisabled, Usage, type Model, type ModelRequest, type ModelResponse } from "@openai/agents";
import { Annotation, END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { z } from "zod";
import { Countersign, currentApproval, type Envelope, type PlanStep } from "../../sdk/src/index.js";
import { countersignApprovals as aiApprovals } from "../../sdk/src/ai/index.js";
import { countersignApprovals as agentsApprovals } from "../../sdk/src/openai-agents/index.js";
import { countersignApprovals as graphApprovals } from "../../sdk/src/langgraph/index.js";
import { createAgentKey } from "../cli";
import { newSignedInPage, signIn } from "../helpers";

// Generous: a shared, loaded machine; nothing here asserts time.
test.describe.configure({ mode: "serial", timeout: 240_000 });
setTracingDisabled(true);

const baseUrl = `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`;
const APPROVER = "dana@countersign.dev";
// An edit of a commit step needs a second approver who did not edit (docs/decisions.md).
const SECOND_APPROVER = "sam@countersign.dev";
const actor = { type: "user", id: "u_sdk", email: "ops@company.com", name: "Ops" };
const suffix = Date.now().toString(36);
let client: Countersign;

test.beforeAll(() => {
  const key = createAgentKey(`e2e-sdk-${suffix}`, "admin@countersign.dev", "ap:read,ap:commit");
  client = new Countersign({ baseUrl, apiKey: key, pollIntervalMs: 500 });
});

/** Resolves with the proposal id once the agent side has proposed. */
function proposed() {
  let resolve!: (id: string) => void;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
}

async function openProposal(page: Page, id: string) {
  await signIn(page, APPROVER);
  await page.goto(`/proposals/${id}`);
  await expect(page.getByRole("button", { name: "Approve", exact: true })).toBeVisible();
}

/**
 * The person edits step 1's arguments (a commit step) on the proposal page and
 * approves the edited plan; a second approver then approves it, as an edit of
 * a commit step requires.
 */
async function editAndApprove(page: Page, browser: Browser, id: string, change: (args: Record<string, unknown>) => Record<string, unknown>) {
  await openProposal(page, id);
  await page.getByRole("button", { name: "Edit before approve" }).click();
  const args = page.getByLabel("Arguments for step 1 (JSON)");
  const edited = change(JSON.parse(await args.inputValue()));
  await args.fill(JSON.stringify(edited, null, 2));
  const clicked = Date.now();
  await page.getByRole("button", { name: "Approve with edits" }).click();
  await expect(page.getByText(/Plan in force · version 2/)).toBeVisible();
  await expect(page.getByText(/needs a second approver/).first()).toBeVisible();
  const second = await newSignedInPage(browser, SECOND_APPROVER);
  await second.goto(`/proposals/${id}`);
  await second.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(second.getByText(/Approved\. The agent can now proceed/)).toBeVisible();
  await second.context().close();
  return { edited, clicked };
}

async function approve(page: Page, id: string) {
  await openProposal(page, id);
  const clicked = Date.now();
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByText(/Approved\. The agent can now proceed/)).toBeVisible();
  return clicked;
}

async function reject(page: Page, id: string, reason: string) {
  await openProposal(page, id);
  await page.getByRole("button", { name: "Reject", exact: true }).click();
  await page.getByLabel("Reason").fill(reason);
  await page.getByRole("button", { name: "Confirm rejection" }).click();
  await expect(page.getByText("Rejected. The agent will see your reason.")).toBeVisible();
}

/** The example downstream tool: releases a payment only with a valid approval token for exactly this payment. */
async function releaseWithToken(paymentId: string, token: string | null | undefined) {
  const response = await fetch(`${baseUrl}/api/examples/release-payment`, {
    method: "POST",
    headers: { "content-type": "application/json", "countersign-approval": token ?? "" },
    body: JSON.stringify({ payment_id: paymentId }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`release refused: ${JSON.stringify(body)}`);
  return body;
}

const envelope = (title: string, args: Record<string, unknown>): Envelope => ({
  queue: "accounts-payable",
  intent: "release_payment",
  title,
  actor,
  scopes: ["ap:commit"],
  risk: "high",
  plan: [{ title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args }],
});

test("core gate: a person edits the payment before approving; run gets the edited plan, the tool accepts its token", async ({ page, browser }) => {
  const id = proposed();
  const ran: PlanStep[][] = [];
  let reachedAgent = 0;
  const gated = client.gate(
    envelope(`SDK gate ${suffix}`, { payment_id: `pay_gate_${suffix}`, amount: "500.00" }),
    async (plan, context) => {
      reachedAgent = Date.now();
      ran.push(plan);
      return releaseWithToken(String(plan[0]!.args.payment_id), context.approvalToken);
    },
    { onProposed: (r) => id.resolve(r.id) },
  );
  const proposalId = await id.promise;
  const { edited, clicked } = await editAndApprove(page, browser, proposalId, (args) => ({ ...args, payment_id: `pay_gate_${suffix}_corrected`, amount: "450.00" }));
  const result = await gated;
  expect(result.status).toBe("executed");
  expect(ran).toHaveLength(1);
  expect(ran[0]![0]!.args).toEqual(edited);
  if (result.status === "executed") {
    expect(result.value).toMatchObject({ released: true, payment_id: `pay_gate_${suffix}_corrected`, approved_by: expect.arrayContaining([APPROVER, SECOND_APPROVER]) });
    expect(result.decision.withEdits).toBe(true);
    expect(result.execution.digest_matches).toBe(true);
  }
  expect((await client.get(proposalId)).status).toBe("executed");
  console.log(`[sdk figures] decision click → run() in the agent: ${reachedAgent - clicked} ms (poll interval 500 ms; long-poll where the server has it)`);
});

test("AI SDK: needsApproval becomes a proposal; the edited arguments are what execute receives", async ({ page, browser }) => {
  const id = proposed();
  const paymentId = `pay_ai_${suffix}`;
  const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } };
  const model = new MockLanguageModelV3({
    doGenerate: [
      { content: [{ type: "tool-call", toolCallId: "call_ai", toolName: "releasePayment", input: JSON.stringify({ payment_id: paymentId, amount: "1200.00" }) }], finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage, warnings: [] },
      { content: [{ type: "text", text: "Released." }], finishReason: { unified: "stop", raw: "stop" }, usage, warnings: [] },
    ],
  });
  const received: unknown[] = [];
  const approvals = aiApprovals({
    client,
    runId: `e2e-ai-${suffix}`,
    queue: "accounts-payable",
    actor,
    scope: "ap:commit",
    tools: { releasePayment: { tool: "ap.release_payment", title: (a) => `AI SDK release ${String(a.payment_id)} ${String(a.amount)}` } },
    onProposed: (r) => id.resolve(r.id),
  });
  const tools = approvals.tools({
    releasePayment: aiTool({
      description: "Release a payment",
      inputSchema: z.object({ payment_id: z.string(), amount: z.string() }),
      execute: async (args) => {
        received.push(args);
        return { ...(await releaseWithToken(args.payment_id, currentApproval()?.approvalToken)), amount: args.amount };
      },
    }),
  });
  const messages: ModelMessage[] = [{ role: "user", content: "Release it" }];
  const first = await generateText({ model, tools, messages });
  const answering = approvals.respond(first);
  const proposalId = await id.promise;
  const { edited } = await editAndApprove(page, browser, proposalId, (args) => ({ ...args, amount: "1150.00" }));
  const answer = await answering;
  expect(answer?.content[0]).toMatchObject({ type: "tool-approval-response", approved: true });
  messages.push(...first.response.messages, answer!);
  const second = await generateText({ model, tools, messages });
  expect(received).toEqual([edited]);
  expect(second.response.messages[0]).toMatchObject({ role: "tool", content: [{ type: "tool-result", output: { type: "json", value: { released: true, amount: "1150.00" } } }] });
  expect(second.text).toBe("Released.");
  expect((await client.get(proposalId)).execution).toMatchObject({ outcome: "executed", digest_matches: true });
});

class ScriptedAgentsModel implements Model {
  constructor(private readonly args: Record<string, unknown>) {}
  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    const input = Array.isArray(request.input) ? request.input : [];
    const result = input.find((i) => (i as { type?: string }).type === "function_call_result") as { output?: unknown } | undefined;
    if (!result) return { usage: new Usage(), output: [{ type: "function_call", callId: "call_agents", name: "release_payment", arguments: JSON.stringify(this.args), status: "completed" }] };
    return { usage: new Usage(), output: [{ type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text: `Tool said: ${JSON.stringify(result.output)}` }] }] };
  }
  async *getStreamedResponse(): AsyncIterable<never> {
    throw new Error("not used");
  }
}

test("OpenAI Agents: the run pauses, a person approves, the RunState is approved and the tool runs with its token", async ({ page }) => {
  const id = proposed();
  const paymentId = `pay_agents_${suffix}`;
  const approvals = agentsApprovals({
    client, runId: `e2e-agents-${suffix}`, queue: "accounts-payable", actor, scope: "ap:commit",
    tools: { release_payment: { tool: "ap.release_payment" } },
    onProposed: (r) => id.resolve(r.id),
  });
  const received: unknown[] = [];
  const releasePayment = approvals.tool({
    name: "release_payment",
    description: "Release a payment",
    parameters: z.object({ payment_id: z.string() }),
    execute: async (args) => {
      received.push(args);
      return JSON.stringify(await releaseWithToken(args.payment_id, currentApproval()?.approvalToken));
    },
  });
  const agent = new Agent({ name: "payments", instructions: "Release payments.", model: new ScriptedAgentsModel({ payment_id: paymentId }), tools: [releasePayment] });
  let result = await run(agent, "Release it");
  expect(result.interruptions).toHaveLength(1);
  const deciding = approvals.applyDecisions(result.state);
  await approve(page, await id.promise);
  expect((await deciding)[0]).toMatchObject({ status: "approved", withEdits: false });
  result = await run(agent, result.state);
  expect(received).toEqual([{ payment_id: paymentId }]);
  expect(String(result.finalOutput)).toContain(`released`);
  expect(String(result.finalOutput)).toContain(paymentId);
});

test("LangGraph: the node interrupts, a person rejects, the resumed node gets the reason and nothing runs", async ({ page }) => {
  const State = Annotation.Root({ outcome: Annotation<string>() });
  const id = proposed();
  const approvals = graphApprovals({ client, queue: "accounts-payable", actor, scope: "ap:commit", onProposed: (r) => id.resolve(r.id) });
  let executed = 0;
  let nodeRuns = 0;
  const graph = new StateGraph(State)
    .addNode("pay", async (_state, config) => {
      nodeRuns++;
      const outcome = await approvals.run({ toolName: "ap.release_payment", toolCallId: "call_graph", args: { payment_id: `pay_graph_${suffix}` } }, config, () => {
        executed++;
        return "released";
      });
      return { outcome: outcome.status === "refused" ? outcome.message : outcome.status };
    })
    .addEdge(START, "pay")
    .addEdge("pay", END)
    .compile({ checkpointer: new MemorySaver() });
  const config = { configurable: { thread_id: `thread_${suffix}` } };
  const paused = (await graph.invoke({}, config)) as { __interrupt__?: Array<{ value: { countersign: { proposal_id: string } } }> };
  const proposalId = await id.promise;
  expect(paused.__interrupt__?.[0]?.value.countersign.proposal_id).toBe(proposalId);
  const resuming = approvals.resume(graph, config);
  await reject(page, proposalId, "Hold until the vendor call-back");
  const done = (await resuming) as { outcome: string };
  expect(done.outcome).toBe("Rejected by Dana Ops in Countersign: Hold until the vendor call-back");
  expect(executed).toBe(0);
  expect(nodeRuns).toBe(2);
});

test("figures: SDK overhead per call against raw fetch (printed, not asserted)", async () => {
  const apiKey = (client as unknown as { http: { apiKey: string } }).http.apiKey;
  const rounds = 40;
  const raw: number[] = [];
  const sdk: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const body = envelope(`SDK overhead ${suffix} ${i}`, { payment_id: `pay_bench_${i}` });
    let t = performance.now();
    const response = await fetch(`${baseUrl}/api/v1/proposals/`.replace(/\/$/, ""), {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", "idempotency-key": `raw-${suffix}-${i}` },
      body: JSON.stringify({ ...body, title: `${body.title} raw` }),
    });
    await response.json();
    raw.push(performance.now() - t);
    t = performance.now();
    await client.propose({ ...body, title: `${body.title} sdk` }, { idempotencyKey: `sdk-${suffix}-${i}` });
    sdk.push(performance.now() - t);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`[sdk figures] propose, median of ${rounds}: raw fetch ${median(raw).toFixed(1)} ms, SDK ${median(sdk).toFixed(1)} ms, overhead ${(median(sdk) - median(raw)).toFixed(1)} ms`);
});
