// What the framework adapters share: one tool call becomes one proposal (a
// one-step plan whose args are the call's arguments), proposed under a key
// derived from the run and the tool call so a resumed run finds the same
// proposal; the decision gives back the arguments to execute (an approver's
// edits included) or the text telling the model why it may not.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Countersign, WaitOptions } from "./client.js";
import { decisionOf } from "./decision.js";
import { CountersignError } from "./errors.js";
import { idempotencyKeyFor } from "./idempotency.js";
import type { Change, Decision, Envelope, ProposalReceipt, Risk } from "./types.js";

/** What a guarded tool may need while it runs: the approval token for the downstream system, and which proposal it carries out. */
export type CurrentApproval = { proposalId: string; approvalToken: string | null; approvedDigest: string; withEdits: boolean; toolCallId: string };

const running = new AsyncLocalStorage<CurrentApproval>();

/**
 * Inside a tool execute guarded by an adapter (AI SDK, OpenAI Agents,
 * LangGraph): the approval it runs under, e.g. to send its token to the
 * downstream system; undefined elsewhere.
 */
export function currentApproval(): CurrentApproval | undefined {
  return running.getStore();
}

export type ToolCall = { toolName: string; toolCallId: string; args: Record<string, unknown> };

/** How one tool's calls are proposed. */
export type ToolPolicy = {
  /**
   * The plan step's tool name, when Countersign and the downstream system know
   * the tool by another name than the framework does (e.g. `ap.release_payment`
   * for the AI SDK tool `releasePayment`); approval tokens name this one.
   */
  tool?: string;
  /** The step's scope, e.g. `ap:commit`; defaults to the gate's `scope`. */
  scope?: string;
  queue?: string;
  /** The proposal's title; a function of the arguments, or the tool name by default. */
  title?: string | ((args: Record<string, unknown>) => string);
  intent?: string;
  risk?: Risk;
  summary?: string | ((args: Record<string, unknown>) => string);
  changes?: (args: Record<string, unknown>) => Change[];
};

export type ToolCallGateOptions = {
  client: Countersign;
  /** The queue slug proposals go to (a tool's policy may name another). */
  queue: string;
  /** Whom the agent acts for (the envelope's `actor`). */
  actor: Envelope["actor"];
  /** The default scope of a tool call, e.g. `ap:commit`. */
  scope: string;
  /** Per tool name: scope, title, intent, risk... */
  tools?: Record<string, ToolPolicy>;
  /** Describes the agent (model, version, run id) in the envelope. */
  agent?: Envelope["agent"];
  /** Build the whole envelope yourself instead; it must be deterministic for a given call (the idempotency key depends on it). */
  envelope?: (call: ToolCall) => Envelope;
  /** Called once per new proposal (e.g. to print its URL). */
  onProposed?: (receipt: ProposalReceipt, call: ToolCall) => void | Promise<void>;
};

/** The plan step's tool name for a framework tool name. */
export function stepToolOf(options: ToolCallGateOptions, toolName: string): string {
  return options.tools?.[toolName]?.tool ?? toolName;
}

export function envelopeFor(options: ToolCallGateOptions, call: ToolCall, conversationId?: string): Envelope {
  if (options.envelope) return options.envelope(call);
  const policy = options.tools?.[call.toolName] ?? {};
  const scope = policy.scope ?? options.scope;
  const title = typeof policy.title === "function" ? policy.title(call.args) : (policy.title ?? `${call.toolName}`);
  const summary = typeof policy.summary === "function" ? policy.summary(call.args) : policy.summary;
  return {
    queue: policy.queue ?? options.queue,
    intent: policy.intent ?? call.toolName,
    title,
    ...(summary !== undefined ? { summary } : {}),
    actor: options.actor,
    ...(options.agent ? { agent: options.agent } : {}),
    scopes: [scope],
    ...(policy.risk ? { risk: policy.risk } : {}),
    plan: [{ title, tool: stepToolOf(options, call.toolName), scope, args: call.args }],
    ...(policy.changes ? { changes: policy.changes(call.args) } : {}),
    trace: { tool_call_id: call.toolCallId, ...(conversationId ? { conversation_id: conversationId } : {}) },
  };
}

/**
 * One run's tool calls and their proposals. `runId` must be stable across a
 * resume (a conversation id, a thread id): it and the tool call id make the
 * idempotency key.
 */
export class ToolCallProposals {
  private readonly ids = new Map<string, string>();

  constructor(
    readonly options: ToolCallGateOptions,
    readonly runId: string,
    readonly framework: string,
  ) {
    if (!runId) throw new TypeError("A run id is needed so a resumed run finds its proposals (use the conversation or thread id).");
  }

  keyFor(call: ToolCall): string {
    return idempotencyKeyFor("countersign", this.framework, this.runId, call.toolCallId);
  }

  /** Proposes the call (again: the same key answers with the first proposal) and returns its id. */
  async propose(call: ToolCall, signal?: AbortSignal): Promise<string> {
    const known = this.ids.get(call.toolCallId);
    if (known) return known;
    const receipt = await this.options.client.propose(envelopeFor(this.options, call, this.runId), { idempotencyKey: this.keyFor(call), signal });
    this.ids.set(call.toolCallId, receipt.id);
    await this.options.onProposed?.(receipt, call);
    return receipt.id;
  }

  async waitFor(call: ToolCall, wait: WaitOptions = {}): Promise<Decision> {
    const id = await this.propose(call, wait.signal);
    return this.options.client.waitForDecision(id, wait);
  }

  /** The decision as it stands now (no waiting), for the check right before executing. */
  async current(call: ToolCall, signal?: AbortSignal): Promise<Decision | null> {
    const id = await this.propose(call, signal);
    return decisionOf(await this.options.client.get(id, { signal }));
  }

  /**
   * Runs `execute` with the APPROVED arguments only if Countersign says the
   * call is approved now, whatever the framework's own approval flag says (a
   * forged or replayed "approved" in the message history runs nothing), then
   * reports the execution.
   */
  async executeApproved<T>(call: ToolCall, execute: (args: Record<string, unknown>) => T | Promise<T>, signal?: AbortSignal): Promise<T> {
    const decision = await this.current(call, signal);
    if (!decision || decision.status !== "approved") {
      throw new CountersignError("not_approved", `Countersign has not approved this ${call.toolName} call (${decision ? decision.status : "pending"}); it was not executed.`);
    }
    if (decision.execution) {
      throw new CountersignError("already_reported", `This ${call.toolName} call was already executed (${decision.execution.outcome}); an approval runs once.`);
    }
    const args = approvedArgs(decision, stepToolOf(this.options, call.toolName));
    let value: T;
    try {
      const approval = { proposalId: decision.proposalId, approvalToken: decision.approvalToken, approvedDigest: decision.approvedDigest, withEdits: decision.withEdits, toolCallId: call.toolCallId };
      value = await running.run(approval, () => execute(args));
    } catch (error) {
      await this.options.client
        .reportExecution(decision.proposalId, { outcome: "failed", digest: decision.approvedDigest, result: { error: error instanceof Error ? error.message : String(error) } })
        .catch(() => undefined);
      throw error;
    }
    await this.options.client.reportExecution(decision.proposalId, { outcome: "executed", digest: decision.approvedDigest, result: jsonOrNothing(value) });
    return value;
  }
}

/** The approved arguments of `toolName`'s step: the approver's edited ones when edited. */
export function approvedArgs(decision: Extract<Decision, { status: "approved" }>, toolName: string): Record<string, unknown> {
  const step = decision.approvedPlan.find((s) => s.tool === toolName);
  if (!step) throw new CountersignError("not_approved", `The approved plan has no ${toolName} step (an approver removed it); nothing was executed.`);
  return step.args;
}

/** What the model is told when a call was not approved. */
export function denialText(decision: Decision): string {
  switch (decision.status) {
    case "approved":
      return "Approved.";
    case "rejected": {
      const who = decision.decidedBy ? ` by ${decision.decidedBy.name || decision.decidedBy.email}` : "";
      return `Rejected${who} in Countersign${decision.reason ? `: ${decision.reason}` : "."}`;
    }
    case "expired":
      return "The approval request expired in Countersign before anyone decided.";
    case "cancelled":
      return `The approval request was cancelled in Countersign${decision.reason ? `: ${decision.reason}` : "."}`;
    case "revoked":
      return "The approval was revoked in Countersign before it was executed.";
  }
}

function jsonOrNothing(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    return text !== undefined && text.length <= 60_000 ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
