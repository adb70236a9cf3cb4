// @countersign/sdk/openai-agents: Countersign as the approver of OpenAI Agents
// SDK (0.14) function tools.
//
// The Agents SDK pauses a run at a tool whose `needsApproval` says so and
// returns `result.interruptions`; the app calls `state.approve(item)` or
// `state.reject(item)` and runs again with the state. This adapter:
//   const approvals = countersignApprovals({ client, runId, queue, actor, scope: "ap:commit" });
//   const releasePayment = approvals.tool({ name: "release_payment", parameters, execute });
//   let result = await run(agent, "…");
//   while (result.interruptions.length > 0) {
//     await approvals.applyDecisions(result.state);        // propose, wait for people, approve/reject
//     result = await run(agent, result.state);
//   }
// Every call is proposed with the model's raw arguments (the JSON text of the
// call), so a run resumed from a serialized RunState in another process
// proposes the identical body under the same key and finds its proposal. The
// guarded execute asks Countersign again right before running, runs the
// APPROVED (possibly edited) arguments and reports the execution. A state
// approved by hand, without Countersign's approval, runs nothing.
import {
  tool as agentsTool,
  type FunctionTool,
  type RunContext,
  type RunState,
  type RunToolApprovalItem,
  type ToolInputParameters,
  type ToolOptions,
} from "@openai/agents";
import type { WaitOptions } from "../client.js";
import { CountersignError } from "../errors.js";
import { denialText, ToolCallProposals, type ToolCall, type ToolCallGateOptions } from "../tool-call.js";

export type CountersignApprovalsOptions = ToolCallGateOptions & {
  /** Stable across a resume (a conversation or run id you store with the serialized RunState). */
  runId: string;
};

type ToolDetails = { toolCall?: { callId?: string; arguments?: string } };
type Execute<TArgs, TResult> = (args: TArgs, context?: RunContext<unknown>, details?: ToolDetails) => TResult | Promise<TResult>;

export function countersignApprovals(options: CountersignApprovalsOptions) {
  const proposals = new ToolCallProposals(options, options.runId, "openai-agents");

  /**
   * A `needsApproval` function for a guarded tool: every call pauses the run
   * for Countersign (the guarded execute refuses calls Countersign did not approve,
   * so there is no exempting some calls; give those to an unguarded tool).
   */
  function needsApproval() {
    return async (_context: RunContext<unknown>, _input: unknown, _callId?: string): Promise<boolean> => true;
  }

  /** Wraps a tool's execute: runs only what Countersign approved, with the approved arguments, and reports it. */
  function execute<TArgs, TResult>(toolName: string, run: Execute<TArgs, TResult>): Execute<TArgs, TResult> {
    return (input, context, details) => {
      const callId = details?.toolCall?.callId;
      if (!callId) throw new CountersignError("not_approved", `The ${toolName} call has no call id, so its Countersign approval cannot be found; it was not executed.`);
      // The raw arguments, as applyDecisions proposed them (the parsed input may carry defaults).
      const raw = details?.toolCall?.arguments !== undefined ? parseArguments(details.toolCall.arguments) : input;
      return proposals.executeApproved(callOf(toolName, callId, raw), (args) => run(args as TArgs, context, details));
    };
  }

  /** `tool()` from @openai/agents with Countersign's needsApproval and guarded execute. */
  function tool<TParameters extends ToolInputParameters = undefined, Context = unknown, Result = string>(
    definition: ToolOptions<TParameters, Context>,
  ): FunctionTool<Context, TParameters, Result> {
    const name = definition.name;
    if (!name) throw new TypeError("Name the tool (the proposal's plan step uses the name).");
    return agentsTool({
      ...definition,
      needsApproval: needsApproval(),
      execute: execute(name, definition.execute as Execute<unknown, unknown>),
    } as ToolOptions<TParameters, Context>) as unknown as FunctionTool<Context, TParameters, Result>;
  }

  /**
   * For each interruption of the state: waits for Countersign's decision and
   * approves or rejects it (with the reason as the message the model gets).
   * Returns the decisions, in the interruptions' order.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any agent's state: only interruptions, approve and reject are used
  async function applyDecisions(state: RunState<any, any>, wait: WaitOptions = {}) {
    const items = state.getInterruptions();
    return Promise.all(
      items.map(async (item: RunToolApprovalItem) => {
        const raw = item.rawItem as { callId?: string };
        const toolName = item.name;
        if (!raw.callId || !toolName) throw new CountersignError("invalid_response", "An interruption without a tool name or call id cannot be proposed.");
        const decision = await proposals.waitFor(callOf(toolName, raw.callId, parseArguments(item.arguments)), wait);
        if (decision.status === "approved") state.approve(item);
        else state.reject(item, { message: denialText(decision) });
        return decision;
      }),
    );
  }

  return { needsApproval, execute, tool, applyDecisions, proposals };
}

function parseArguments(text: string | undefined): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return { input: text };
  }
}

function callOf(toolName: string, toolCallId: string, input: unknown): ToolCall {
  const args = typeof input === "object" && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : { input };
  return { toolName, toolCallId, args };
}

export { denialText } from "../tool-call.js";
export type { ToolCall, ToolCallGateOptions, ToolPolicy } from "../tool-call.js";
