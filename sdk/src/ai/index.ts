// @countersign/sdk/ai: Countersign as the approver of Vercel AI SDK v6 tools.
//
// AI SDK 6 stops a step at a tool whose `needsApproval` is true and returns a
// `tool-approval-request` part; the app answers with a `tool-approval-response`
// in a tool message and calls generateText/streamText again, which then runs
// the tool. This adapter fills both ends:
//   const approvals = countersignApprovals({ client, runId, queue, actor, scope: "ap:commit" });
//   const tools = approvals.tools({ releasePayment });          // needsApproval: true, execute guarded
//   let result = await generateText({ model, tools, messages });
//   const answer = await approvals.respond(result);              // propose, wait for a person, decide
//   if (answer) result = await generateText({ model, tools, messages: [...messages, ...result.response.messages, answer] });
// The wrapped execute asks Countersign again right before running and runs
// the APPROVED arguments (an approver's edits), then reports the execution;
// an "approved" response Countersign did not give runs nothing.
import type { GenerateTextResult, Tool, ToolApprovalResponse, ToolExecutionOptions, ToolModelMessage, ToolSet } from "ai";
import type { WaitOptions } from "../client.js";
import { denialText, ToolCallProposals, type ToolCall, type ToolCallGateOptions } from "../tool-call.js";

export type CountersignApprovalsOptions = ToolCallGateOptions & {
  /** Stable across a resume (the conversation id): with the tool call id it makes each proposal's idempotency key. */
  runId: string;
};

/** What `respond` reads: a generateText result, or just its content parts. */
export type ApprovalRequestSource = Pick<GenerateTextResult<ToolSet, never>, "content"> | { content: ReadonlyArray<{ type: string }> };

type ApprovalRequestPart = { type: "tool-approval-request"; approvalId: string; toolCall: { toolCallId: string; toolName: string; input: unknown } };

export function countersignApprovals(options: CountersignApprovalsOptions) {
  const proposals = new ToolCallProposals(options, options.runId, "ai");

  /** The same tools, each needing approval and executing only what Countersign approved. */
  function tools<TOOLS extends ToolSet>(set: TOOLS): TOOLS {
    const wrapped: Record<string, Tool> = {};
    for (const [name, original] of Object.entries(set) as Array<[string, Tool]>) {
      const execute = original.execute;
      if (!execute) {
        wrapped[name] = original;
        continue;
      }
      wrapped[name] = {
        ...original,
        needsApproval: true,
        execute: (input: unknown, execution: ToolExecutionOptions) =>
          proposals.executeApproved(
            callOf(name, execution.toolCallId, input),
            (args) => collect(execute(args as never, execution)),
            execution.abortSignal,
          ),
      } as Tool;
    }
    return wrapped as TOOLS;
  }

  /**
   * Proposes every pending approval request of `result`, waits for the
   * people's decisions, and returns the tool message with one
   * `tool-approval-response` per request (null when there is none).
   */
  async function respond(result: ApprovalRequestSource, wait: WaitOptions = {}): Promise<ToolModelMessage | null> {
    const requests = (result.content as ReadonlyArray<{ type: string }>).filter((p): p is ApprovalRequestPart => p.type === "tool-approval-request");
    if (requests.length === 0) return null;
    const content = await Promise.all(
      requests.map(async (request): Promise<ToolApprovalResponse> => {
        const decision = await proposals.waitFor(callOf(request.toolCall.toolName, request.toolCall.toolCallId, request.toolCall.input), wait);
        return decision.status === "approved"
          ? { type: "tool-approval-response", approvalId: request.approvalId, approved: true, ...(decision.withEdits ? { reason: "Approved with edits in Countersign." } : {}) }
          : { type: "tool-approval-response", approvalId: request.approvalId, approved: false, reason: denialText(decision) };
      }),
    );
    return { role: "tool", content };
  }

  return { tools, respond, proposals };
}

function callOf(toolName: string, toolCallId: string, input: unknown): ToolCall {
  const args = typeof input === "object" && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : { input };
  return { toolName, toolCallId, args };
}

/** A tool's execute may stream (AsyncIterable): the last value is its output, as the AI SDK takes it. */
async function collect<T>(output: AsyncIterable<T> | PromiseLike<T> | T): Promise<T> {
  if (output && typeof (output as AsyncIterable<T>)[Symbol.asyncIterator] === "function") {
    let last: T | undefined;
    for await (const value of output as AsyncIterable<T>) last = value;
    return last as T;
  }
  return (await output) as T;
}

export { denialText } from "../tool-call.js";
export type { ToolCall, ToolCallGateOptions, ToolPolicy } from "../tool-call.js";
