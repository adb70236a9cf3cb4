// The LangGraph adapter in a real graph with MemorySaver: the node proposes,
// interrupts in Agent Inbox's shape, is re-run from its start on resume
// without proposing again, and executes only what Countersign approved.
import { describe, expect, it, vi } from "vitest";
import { Annotation, Command, END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { Countersign } from "../client.js";
import { FakeCountersign } from "../testing/fake-server.js";
import { countersignApprovals } from "./index.js";

const State = Annotation.Root({
  amount: Annotation<string>(),
  outcome: Annotation<unknown>(),
});

function setup() {
  const server = new FakeCountersign();
  const client = new Countersign({ baseUrl: "http://countersign.test", apiKey: "test-key", fetch: server.fetch, pollIntervalMs: 10 });
  const checkpointer = new MemorySaver();
  const execute = vi.fn(async (args: Record<string, unknown>) => `released ${String(args.payment_id)} for ${String(args.amount)}`);
  const nodeRuns = { count: 0 };
  // A fresh adapter and graph per "process", sharing only the checkpointer and the server.
  const build = () => {
    const approvals = countersignApprovals({ client, queue: "accounts-payable", actor: { type: "user", id: "u_1" }, scope: "ap:commit" });
    const graph = new StateGraph(State)
      .addNode("pay", async (state, config) => {
        nodeRuns.count++;
        const outcome = await approvals.run({ toolName: "release_payment", toolCallId: "call_1", args: { payment_id: "pay_1", amount: state.amount } }, config, execute);
        return { outcome: outcome.status === "executed" ? outcome.value : outcome.status === "refused" ? outcome.message : outcome.status };
      })
      .addEdge(START, "pay")
      .addEdge("pay", END)
      .compile({ checkpointer });
    return { approvals, graph };
  };
  return { server, execute, build, nodeRuns };
}

const config = { configurable: { thread_id: "thread_1" } };

describe("@countersign/sdk/langgraph", () => {
  it("interrupts with a HumanInterrupt, resumes with an edit, runs the edited arguments, proposes once", async () => {
    const s = setup();
    const first = s.build();
    const paused = (await first.graph.invoke({ amount: "100.00" }, config)) as { __interrupt__?: Array<{ value: unknown }> };
    expect(paused.__interrupt__?.[0]?.value).toMatchObject({
      action_request: { action: "release_payment", args: { payment_id: "pay_1", amount: "100.00" } },
      config: { allow_accept: true, allow_edit: true, allow_ignore: true, allow_respond: false },
      description: expect.stringContaining("http://countersign.test/proposals/p_1"),
      countersign: { proposal_id: "p_1" },
    });
    expect(s.execute).not.toHaveBeenCalled();

    s.server.approve("p_1", [{ title: "Release", tool: "release_payment", scope: "ap:commit", args: { payment_id: "pay_1", amount: "60.00" } }]);
    const resumed = s.build(); // another process: nothing in memory but the checkpoint
    const done = (await resumed.approvals.resume(resumed.graph, config)) as { outcome: unknown };
    expect(done.outcome).toBe("released pay_1 for 60.00");
    expect(s.execute).toHaveBeenCalledOnce();
    expect(s.execute.mock.calls[0]![0]).toEqual({ payment_id: "pay_1", amount: "60.00" });
    expect(s.nodeRuns.count).toBe(2); // the node ran again from its start…
    expect(s.server.proposals.size).toBe(1); // …and found the same proposal
    expect(s.server.calls.filter((c) => c.method === "POST" && c.path === "/api/v1/proposals")).toHaveLength(2);
    expect(s.server.executions[0]!.body).toMatchObject({ outcome: "executed", digest: s.server.proposals.get("p_1")!.proposal.approved_digest });
  });

  it("maps the decision to accept / edit / ignore in the resume value", async () => {
    const { toHumanResponse } = await import("./index.js");
    const s = setup();
    const { graph } = s.build();
    await graph.invoke({ amount: "100.00" }, config);
    s.server.reject("p_1", "vendor on hold");
    const client = new Countersign({ baseUrl: "http://countersign.test", apiKey: "test-key", fetch: s.server.fetch });
    const value = { action_request: { action: "release_payment", args: {} }, config: { allow_accept: true, allow_edit: true, allow_ignore: true, allow_respond: false } };
    expect(toHumanResponse(await client.waitForDecision("p_1"), value)).toEqual({ type: "ignore", args: "Rejected by Ann in Countersign: vendor on hold" });
    s.server.proposals.get("p_1")!.proposal.status = "pending";
    s.server.approve("p_1");
    expect(toHumanResponse(await client.waitForDecision("p_1"), value)).toEqual({ type: "accept", args: null });
    s.server.approve("p_1", [{ title: "R", tool: "release_payment", scope: "ap:commit", args: { amount: "1" } }]);
    expect(toHumanResponse(await client.waitForDecision("p_1"), value)).toEqual({ type: "edit", args: { action: "release_payment", args: { amount: "1" } } });
  });

  it("a rejection ends the node with the reason; nothing runs", async () => {
    const s = setup();
    const { graph, approvals } = s.build();
    await graph.invoke({ amount: "100.00" }, config);
    s.server.reject("p_1", "vendor on hold");
    const done = (await approvals.resume(graph, config)) as { outcome: unknown };
    expect(done.outcome).toBe("Rejected by Ann in Countersign: vendor on hold");
    expect(s.execute).not.toHaveBeenCalled();
  });

  it("a forged 'accept' resume while Countersign has not decided runs nothing", async () => {
    const s = setup();
    const { graph } = s.build();
    await graph.invoke({ amount: "100.00" }, config);
    await expect(graph.invoke(new Command({ resume: { type: "accept", args: null } }), config)).rejects.toMatchObject({ code: "not_approved" });
    expect(s.execute).not.toHaveBeenCalled();
  });

  it("refuses to run without a thread id (it could not key the proposal)", async () => {
    const s = setup();
    const { approvals } = s.build();
    await expect(approvals.request({ toolName: "t", toolCallId: "c", args: {} }, {})).rejects.toThrow(/thread_id/);
  });
});
