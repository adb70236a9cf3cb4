// npm run demo:agents: a scripted AI SDK agent (no model provider, no network
// but Countersign's) asks to release a payment through @countersign/sdk, waits
// for a person to decide in the browser, runs the APPROVED arguments (an edit
// is honoured) against the example tool with the approval token, and reports
// the execution.
//
//   COUNTERSIGN_URL      default http://localhost:3000 (the running instance)
//   COUNTERSIGN_API_KEY  an agent key with ap:commit: the seed prints one for
//                        ap-payments-bot, or `npm run cli -- agent:create …`
//   DEMO_PAYMENT_ID      default pay_demo_<time>
import { generateText, tool, type ModelMessage } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { z } from "zod";
import { Countersign, CountersignError, currentApproval } from "../sdk/src/index.js";
import { countersignApprovals } from "../sdk/src/ai/index.js";

const baseUrl = process.env.COUNTERSIGN_URL ?? "http://localhost:3000";
const apiKey = process.env.COUNTERSIGN_API_KEY;
if (!apiKey) {
  console.error(
    "Set COUNTERSIGN_API_KEY to an agent key with the ap:commit scope: the demo seed prints one for ap-payments-bot,\n" +
      'or create one: npm run cli -- agent:create --name demo-agent --sponsor admin@countersign.dev --scopes "ap:read,ap:commit"',
  );
  process.exit(2);
}
const paymentId = process.env.DEMO_PAYMENT_ID ?? `pay_demo_${Date.now().toString(36)}`;
const client = new Countersign({ baseUrl, apiKey });
let proposalId: string | undefined;

// The "model": first asks for the tool, then summarizes the tool's result.
const usage = { inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 0, text: 0, reasoning: 0 } };
const model = new MockLanguageModelV3({
  doGenerate: async ({ prompt }) => {
    const result = prompt.flatMap((m) => (m.role === "tool" ? m.content : [])).find((p) => p.type === "tool-result");
    if (!result) {
      return {
        content: [{ type: "tool-call", toolCallId: `call_${paymentId}`, toolName: "releasePayment", input: JSON.stringify({ payment_id: paymentId, amount: "12480.00", currency: "USD", vendor: "Acme Corp" }) }],
        finishReason: { unified: "tool-calls", raw: "tool_calls" },
        usage,
        warnings: [],
      };
    }
    return { content: [{ type: "text", text: `Tool answered: ${JSON.stringify(result.output)}` }], finishReason: { unified: "stop", raw: "stop" }, usage, warnings: [] };
  },
});

const releasePayment = tool({
  description: "Release a drafted vendor payment",
  inputSchema: z.object({ payment_id: z.string(), amount: z.string(), currency: z.string(), vendor: z.string() }),
  // Runs only with Countersign's approval, with the approved arguments.
  execute: async (args) => {
    console.log(`\n→ executing releasePayment with the approved arguments: ${JSON.stringify(args)}`);
    const response = await fetch(`${baseUrl}/api/examples/release-payment`, {
      method: "POST",
      headers: { "content-type": "application/json", "countersign-approval": currentApproval()?.approvalToken ?? "" },
      body: JSON.stringify({ payment_id: args.payment_id, digest: currentApproval()?.approvedDigest }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(`the payment tool refused (HTTP ${response.status}): ${JSON.stringify(body)}`);
    return body as Record<string, unknown>;
  },
});

const approvals = countersignApprovals({
  client,
  runId: `demo-${paymentId}`,
  queue: "accounts-payable",
  actor: { type: "user", id: "u_demo", email: "ops@company.com", name: "Demo Ops" },
  agent: { model: "mock-language-model-v3", run_id: `demo-${paymentId}` },
  scope: "ap:commit",
  tools: {
    releasePayment: {
      // The example tool checks the token for this plan-step tool name.
      tool: "ap.release_payment",
      intent: "release_payment",
      risk: "high",
      title: (a) => `Release ${String(a.vendor)} payment ${String(a.payment_id)} (${String(a.amount)} ${String(a.currency)})`,
      summary: "Scripted demo agent (npm run demo:agents). Edit the amount before approving to see the edit honoured.",
    },
  },
  onProposed: (receipt) => {
    proposalId = receipt.id;
    console.log(`\nProposal ${receipt.id} is ${receipt.status}. Decide it in the browser (sign in as dana@countersign.dev / countersign-demo):`);
    console.log(`  ${receipt.url}`);
    console.log("Waiting for the decision…");
  },
});
const tools = approvals.tools({ releasePayment });

try {
  const messages: ModelMessage[] = [{ role: "user", content: `Pay the Acme Corp invoice: release payment ${paymentId}.` }];
  const first = await generateText({ model, tools, messages });
  const answer = await approvals.respond(first);
  if (!answer) throw new Error("the agent asked for no approval");
  const response = answer.content[0]!;
  console.log(response.type === "tool-approval-response" && response.approved ? "Approved." : `Not approved: ${response.type === "tool-approval-response" ? response.reason : ""}`);
  messages.push(...first.response.messages, answer);
  const second = await generateText({ model, tools, messages });
  console.log(`\nAgent: ${second.text}`);
  if (proposalId) {
    const view = await client.get(proposalId);
    console.log(`Countersign now shows the proposal as ${view.status}${view.execution ? ` (execution reported: ${view.execution.outcome}, digest ${view.execution.digest_matches ? "matches" : "DIFFERS from"} the approved one)` : ""}.`);
    console.log(`  ${baseUrl}/proposals/${proposalId}`);
  }
} catch (error) {
  if (error instanceof CountersignError) console.error(`Countersign refused: ${error.code} (HTTP ${error.status}): ${error.message}`);
  else console.error(error);
  process.exit(1);
}
