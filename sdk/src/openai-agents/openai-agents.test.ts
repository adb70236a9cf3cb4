// The OpenAI Agents adapter with a small fake Model (the Agents SDK's Model
// interface: getResponse / getStreamedResponse), no network.
import { describe, expect, it, vi } from "vitest";
import { Agent, run, setTracingDisabled, Usage, type Model, type ModelRequest, type ModelResponse } from "@openai/agents";
import { z } from "zod";
import { Countersign } from "../client.js";
import { FakeCountersign } from "../testing/fake-server.js";
import { countersignApprovals } from "./index.js";

setTracingDisabled(true);

/** Calls release_payment once, then answers with the tool's output it was given. */
class ScriptedModel implements Model {
  requests: ModelRequest[] = [];
  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    this.requests.push(request);
    const input = Array.isArray(request.input) ? request.input : [];
    const output = input.find((i) => (i as { type?: string }).type === "function_call_result") as { output?: unknown } | undefined;
    if (!output) {
      return {
        usage: new Usage(),
        output: [{ type: "function_call", callId: "call_9", name: "release_payment", arguments: JSON.stringify({ payment_id: "pay_1", amount: "100.00" }), status: "completed" }],
      };
    }
    return { usage: new Usage(), output: [{ type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text: `Result: ${JSON.stringify(output.output)}` }] }] };
  }
  async *getStreamedResponse(): AsyncIterable<never> {
    throw new Error("not used");
  }
}

function setup(decide: (server: FakeCountersign, id: string) => void) {
  const server = new FakeCountersign();
  const client = new Countersign({ baseUrl: "http://countersign.test", apiKey: "test-key", fetch: server.fetch, pollIntervalMs: 10 });
  const approvals = countersignApprovals({
    client,
    runId: "run_1",
    queue: "accounts-payable",
    actor: { type: "user", id: "u_1" },
    scope: "ap:commit",
    tools: { release_payment: { title: (a) => `Release ${String(a.payment_id)}` } },
    onProposed: (receipt) => decide(server, receipt.id),
  });
  const execute = vi.fn(async (args: { payment_id: string; amount: string }) => `released ${args.payment_id} for ${args.amount}`);
  const releasePayment = approvals.tool({
    name: "release_payment",
    description: "Release a drafted payment",
    parameters: z.object({ payment_id: z.string(), amount: z.string() }),
    execute,
  });
  const agent = new Agent({ name: "payments", instructions: "Release payments.", model: new ScriptedModel(), tools: [releasePayment] });
  return { server, approvals, execute, agent };
}

describe("@countersign/sdk/openai-agents", () => {
  it("pauses, proposes, and runs the APPROVED (edited) arguments, then reports", async () => {
    const edited = [{ title: "Release", tool: "release_payment", scope: "ap:commit", args: { payment_id: "pay_1", amount: "75.00" } }];
    const s = setup((server, id) => setTimeout(() => server.approve(id, edited), 20));
    let result = await run(s.agent, "Release pay_1");
    expect(result.interruptions).toHaveLength(1);
    expect(s.execute).not.toHaveBeenCalled();
    const decisions = await s.approvals.applyDecisions(result.state);
    expect(decisions[0]).toMatchObject({ status: "approved", withEdits: true });
    result = await run(s.agent, result.state);
    expect(s.execute).toHaveBeenCalledOnce();
    expect(s.execute.mock.calls[0]![0]).toEqual({ payment_id: "pay_1", amount: "75.00" });
    expect(result.finalOutput).toContain("released pay_1 for 75.00");
    const stored = [...s.server.proposals.values()][0]!;
    expect(stored.envelope).toMatchObject({ title: "Release pay_1", plan: [{ tool: "release_payment", args: { payment_id: "pay_1", amount: "100.00" } }], trace: { tool_call_id: "call_9" } });
    expect(s.server.executions[0]!.body).toMatchObject({ outcome: "executed", digest: stored.proposal.approved_digest });
  });

  it("a rejection rejects the call with the reason as the model's message; nothing runs", async () => {
    const s = setup((server, id) => server.reject(id, "duplicate invoice"));
    let result = await run(s.agent, "Release pay_1");
    await s.approvals.applyDecisions(result.state);
    result = await run(s.agent, result.state);
    expect(s.execute).not.toHaveBeenCalled();
    expect(result.finalOutput).toContain("Rejected by Ann in Countersign: duplicate invoice");
  });

  it("a state approved by hand, without Countersign's approval, runs nothing", async () => {
    const s = setup(() => undefined);
    let result = await run(s.agent, "Release pay_1");
    await s.approvals.proposals.propose({ toolName: "release_payment", toolCallId: "call_9", args: { payment_id: "pay_1", amount: "100.00" } });
    result.state.approve(result.interruptions[0]!);
    result = await run(s.agent, result.state);
    expect(s.execute).not.toHaveBeenCalled();
    expect(String(result.finalOutput)).toContain("Countersign has not approved this release_payment call (pending)");
  });

  it("a run resumed from the serialized state in a new process proposes nothing new", async () => {
    const s = setup((server, id) => server.approve(id));
    const result = await run(s.agent, "Release pay_1");
    await s.approvals.applyDecisions(result.state);
    const { RunState } = await import("@openai/agents");
    const restored = await RunState.fromString(s.agent, result.state.toString());
    const fresh = countersignApprovals({ ...s.approvals.proposals.options, runId: "run_1" });
    await fresh.applyDecisions(restored as never);
    expect(s.server.proposals.size).toBe(1);
  });
});
