// @countersign/sdk/langgraph: Countersign as the human in LangGraph's
// human-in-the-loop, in the Agent Inbox shape.
//
// Inside a node:
//   const approvals = countersignApprovals({ client, queue, actor, scope: "ap:commit" });
//   const outcome = await approvals.run(toolCall, config, (args) => releasePayment(args));
// `run` proposes the call under a key derived from the thread id and the tool
// call id, then `interrupt()`s with a HumanInterrupt (action_request, config,
// description with the proposal's link). LangGraph re-runs the node from its
// start on resume: the same key finds the same proposal, so nothing is
// proposed twice. After the resume, `run` asks Countersign itself (never
// trusting the resume value alone) and executes the APPROVED arguments (an
// approver's edits) and reports the execution, or returns the refusal.
// Outside the graph, `resume(graph, config)` waits for the decisions of the
// pending interrupts and resumes with Command({ resume }) carrying
// accept / edit / ignore responses.
import { Command, interrupt, type LangGraphRunnableConfig } from "@langchain/langgraph";
import type { WaitOptions } from "../client.js";
import { decisionOf } from "../decision.js";
import { CountersignError } from "../errors.js";
import { approvedArgs, denialText, stepToolOf, ToolCallProposals, type ToolCall, type ToolCallGateOptions } from "../tool-call.js";
import type { Decision } from "../types.js";

/** Agent Inbox's interrupt and response shapes (as in @langchain/langgraph/prebuilt). */
export type ActionRequest = { action: string; args: Record<string, unknown> };
export type HumanInterruptConfig = { allow_ignore: boolean; allow_respond: boolean; allow_edit: boolean; allow_accept: boolean };
export type HumanInterrupt = { action_request: ActionRequest; config: HumanInterruptConfig; description?: string };
export type HumanResponse = { type: "accept" | "ignore" | "response" | "edit"; args: null | string | ActionRequest };

/** The interrupt value this adapter raises: Agent Inbox's, plus where to find the proposal. */
export type CountersignInterrupt = HumanInterrupt & { countersign: { proposal_id: string; url: string; tool_call_id: string; step_tool: string } };

export type ApprovalRun<T> =
  | { status: "executed"; value: T; args: Record<string, unknown>; decision: Extract<Decision, { status: "approved" }> }
  | { status: "refused"; message: string; decision: Decision }
  /** The node re-ran after the call was executed and reported: not run again. */
  | { status: "already_reported"; decision: Extract<Decision, { status: "approved" }> };

type Graph = {
  getState(config: LangGraphRunnableConfig): Promise<{ tasks: ReadonlyArray<{ interrupts?: ReadonlyArray<{ id?: string; value?: unknown }> }> }>;
  invoke(input: unknown, config: LangGraphRunnableConfig): Promise<unknown>;
};

export function countersignApprovals(options: ToolCallGateOptions) {
  const runs = new Map<string, ToolCallProposals>();
  const proposalsFor = (config: LangGraphRunnableConfig) => {
    const threadId = config.configurable?.thread_id;
    if (typeof threadId !== "string" && typeof threadId !== "number") {
      throw new TypeError("Countersign needs config.configurable.thread_id (a checkpointer's thread) to key proposals so a resumed node does not propose twice.");
    }
    const key = String(threadId);
    let proposals = runs.get(key);
    if (!proposals) runs.set(key, (proposals = new ToolCallProposals(options, key, "langgraph")));
    return proposals;
  };

  /**
   * Proposes (once per thread and tool call), interrupts for the person's
   * decision, and on resume returns Countersign's decision.
   */
  async function request(call: ToolCall, config: LangGraphRunnableConfig): Promise<Decision> {
    const proposals = proposalsFor(config);
    const id = await proposals.propose(call, config.signal);
    const current = decisionOf(await options.client.get(id, { signal: config.signal }));
    if (!current) {
      const value: CountersignInterrupt = {
        action_request: { action: call.toolName, args: call.args },
        config: { allow_accept: true, allow_edit: true, allow_ignore: true, allow_respond: false },
        description: `Waiting for a person's decision in Countersign: ${options.client.baseUrl}/proposals/${id}`,
        countersign: { proposal_id: id, url: `${options.client.baseUrl}/proposals/${id}`, tool_call_id: call.toolCallId, step_tool: stepToolOf(options, call.toolName) },
      };
      interrupt<CountersignInterrupt, HumanResponse>(value);
    }
    // Resumed (or decided already): Countersign's word, not the resume value's, decides.
    const decision = current ?? decisionOf(await options.client.get(id, { signal: config.signal }));
    if (!decision) throw new CountersignError("not_approved", `The ${call.toolName} call is still pending in Countersign; the graph was resumed before a decision.`);
    return decision;
  }

  /** `request`, then `execute` with the approved arguments and the execution reported; a refusal is returned, not thrown. */
  async function run<T>(call: ToolCall, config: LangGraphRunnableConfig, execute: (args: Record<string, unknown>) => T | Promise<T>): Promise<ApprovalRun<T>> {
    const decision = await request(call, config);
    if (decision.status !== "approved") return { status: "refused", message: denialText(decision), decision };
    if (decision.execution) return { status: "already_reported", decision };
    const args = approvedArgs(decision, stepToolOf(options, call.toolName));
    const value = await proposalsFor(config).executeApproved(call, execute, config.signal);
    return { status: "executed", value, args, decision };
  }

  /**
   * Waits for Countersign's decisions on the graph's pending interrupts and
   * resumes it with Agent Inbox responses (accept, edit with the approved
   * arguments, or ignore with the reason). Null when nothing is pending.
   */
  async function resume(graph: Graph, config: LangGraphRunnableConfig, wait: WaitOptions = {}): Promise<unknown> {
    const snapshot = await graph.getState(config);
    const pending = snapshot.tasks
      .flatMap((task) => task.interrupts ?? [])
      .filter((i): i is { id?: string; value: CountersignInterrupt } => isCountersignInterrupt(i.value));
    if (pending.length === 0) return null;
    const answers = await Promise.all(
      pending.map(async (i) => ({ id: i.id, response: toHumanResponse(await options.client.waitForDecision(i.value.countersign.proposal_id, wait), i.value) })),
    );
    const resumeValue = answers.length === 1 ? answers[0]!.response : Object.fromEntries(answers.map((a) => [a.id, a.response]));
    return graph.invoke(new Command({ resume: resumeValue }), config);
  }

  return { request, run, resume };
}

/** A decision as Agent Inbox's response: accept, edit (with the approved arguments), or ignore (with why). */
export function toHumanResponse(decision: Decision, value: HumanInterrupt & { countersign?: { step_tool?: string } }): HumanResponse {
  if (decision.status !== "approved") return { type: "ignore", args: denialText(decision) };
  if (!decision.withEdits) return { type: "accept", args: null };
  const stepTool = value.countersign?.step_tool ?? value.action_request.action;
  return { type: "edit", args: { action: value.action_request.action, args: approvedArgs(decision, stepTool) } };
}

function isCountersignInterrupt(value: unknown): value is CountersignInterrupt {
  return typeof value === "object" && value !== null && typeof (value as CountersignInterrupt).countersign?.proposal_id === "string";
}

export { denialText } from "../tool-call.js";
export type { ToolCall, ToolCallGateOptions, ToolPolicy } from "../tool-call.js";
