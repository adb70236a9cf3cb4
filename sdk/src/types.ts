// The shapes of Countersign's agent API (docs: the contract, "HTTP API v1"),
// written out here so the SDK has no dependency on the server's code.

export type Scope = string;
export type Tier = "read" | "write:draft" | "commit";
export type Risk = "low" | "medium" | "high" | "critical";
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type PlanStep = {
  title: string;
  tool: string;
  scope: Scope;
  args: Record<string, unknown>;
  [key: string]: unknown;
};

export type FieldChange = { path: string; before?: unknown; after?: unknown };
export type Change =
  | { target: ChangeTarget; fields: FieldChange[] }
  | { target: ChangeTarget; format: "text"; before: string; after: string };

/** What a change is made to; `version` is the target's version as read (an ETag, a revision), checked again before executing. */
export type ChangeTarget = { type: string; id: string; label?: string; version?: string; [key: string]: unknown };

/** The proposal envelope an agent sends (contract section 2). */
export type Envelope = {
  queue: string;
  intent: string;
  title: string;
  summary?: string;
  actor: { type: string; id: string; email?: string; name?: string; [key: string]: unknown };
  agent?: { model?: string; version?: string; run_id?: string; [key: string]: unknown };
  scopes: Scope[];
  risk?: Risk;
  inputs?: Record<string, unknown>;
  plan: PlanStep[];
  /** The compensating action, steps like `plan`: what "Roll back" proposes once this one was executed. Without it the proposal is irreversible. */
  rollback?: PlanStep[];
  changes?: Change[];
  artifacts?: Array<{ type: string; id?: string; url?: string; [key: string]: unknown }>;
  trace?: { conversation_id?: string; tool_call_id?: string; [key: string]: unknown };
  expires_at?: string;
  [key: string]: unknown;
};

/** What POST /api/v1/proposals answers. */
export type ProposalReceipt = { id: string; status: ProposalStatus; tier: Tier; digest: string; url: string };

export type ProposalStatus = "pending" | "approved" | "rejected" | "expired" | "cancelled" | "revoked" | "executed" | "failed";

export type Person = { id: string; email: string; name: string };

/** GET /api/v1/proposals/{id}: the agent's view of its own proposal. */
export type Proposal = {
  id: string;
  status: ProposalStatus;
  tier: Tier;
  digest: string;
  created_at: string;
  expires_at: string | null;
  version: number;
  approvals: { count: number; required: number };
  approved_digest?: string;
  approved_plan?: PlanStep[];
  approval_token?: string | null;
  approval_token_expires_at?: string;
  approval_token_redeemed_at?: string;
  approval_token_redeemed_by?: string | null;
  execution?: { outcome: "executed" | "failed" | "stale"; digest: string; digest_matches: boolean; reported_at: string };
  decision: null | {
    outcome: string;
    decided_by: Person | null;
    decided_by_policy?: string;
    /** The admin's standing approval that approved it at intake. */
    decided_by_standing_approval?: string;
    decided_at: string;
    reason: string | null;
    with_edits: boolean;
  };
  /** Whether the envelope carried a rollback plan. */
  reversible?: boolean;
  /** On a rollback proposal (intent rollback:<intent>): the executed proposal it undoes. */
  rollback_of?: string;
  /** Once a person asked to roll this proposal back: the rollback proposal. */
  rolled_back_by?: string;
};

/** POST /api/v1/proposals/{id}/executions answers this. */
export type ExecutionReceipt = {
  id: string;
  proposal_id: string;
  /** The proposal's status now; a stale report leaves it failed. */
  status: "executed" | "failed";
  /** The report said stale: the target changed since the proposal and nothing was done. */
  stale: boolean;
  digest: string;
  approved_digest: string;
  digest_matches: boolean;
  after_revocation: boolean;
};

export type ExecutionReport = {
  /** `stale`: not carried out because the target changed since the proposal (its version no longer matches). */
  outcome: "executed" | "failed" | "stale";
  /** The digest of what was executed: the approved digest (an edited plan has its own). */
  digest: string;
  /** A small JSON result (at most 64 KiB); link large outputs instead. */
  result?: unknown;
};

type DecisionBase = { proposalId: string; proposal: Proposal };

/**
 * How a proposal ended, from the agent's side. `approved` carries what to
 * execute: the plan as approved, which an approver may have edited
 * (`withEdits`); never execute your own draft instead. `execution` is set when
 * an execution was already reported (a resumed run must not run it again).
 */
export type Decision =
  | (DecisionBase & {
      status: "approved";
      approvedPlan: PlanStep[];
      approvedDigest: string;
      withEdits: boolean;
      /** Short-lived JWS for downstream tools; null once redeemed or when the server issues none. */
      approvalToken: string | null;
      decidedBy: Person | null;
      decidedByPolicy: string | null;
      execution: Proposal["execution"] | null;
    })
  | (DecisionBase & { status: "rejected"; reason: string | null; decidedBy: Person | null })
  | (DecisionBase & { status: "expired" })
  | (DecisionBase & { status: "cancelled"; reason: string | null })
  | (DecisionBase & { status: "revoked"; reason: string | null });

export type DecisionStatus = Decision["status"];
