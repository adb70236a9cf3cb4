import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import { agentDecisionView, AGENT_DECISION_SELECT, type AgentDecision } from "@/lib/proposal-state/agent-decision";
import type { PlanStep } from "@/lib/proposals/envelope";
import { readStoredProposal } from "@/lib/proposals/stored-proposal";
import { findRedemption, issueApprovalToken, type ApprovalRedemption } from "@/lib/approvals/issue-approval-token";

/** Statuses in which an approved plan is in force: the agent executes approved_plan, never its own draft. */
export const APPROVED_STATUSES: ReadonlySet<string> = new Set(["approved", "executed", "failed"]);

export type AgentProposalView = {
  id: string;
  status: string;
  tier: string;
  digest: string;
  created_at: string;
  expires_at: string | null;
  /** Version of the plan now in force (1 = as proposed; higher after an approver's edits). */
  version: number;
  /** Quorum: distinct approvals recorded and required ("1 of 2" while pending). */
  approvals: { count: number; required: number };
  /** Once approved: the digest of the approved version, which may differ from `digest` (the proposal as sent). */
  approved_digest?: string;
  /** Once approved: the plan to execute, the approver's edited one when edited. */
  approved_plan?: PlanStep[];
  /**
   * Only while approved: a short-lived JWS for downstream tools (README,
   * "Approval tokens"); null once a token of this approval was redeemed, as
   * one approval is executed once.
   */
  approval_token?: string | null;
  approval_token_expires_at?: string;
  /** When a token of this approval was redeemed online (and by which tool, when it said). */
  approval_token_redeemed_at?: string;
  approval_token_redeemed_by?: string | null;
  /** Why approval_token is null although the proposal is approved: the receipt chain does not hold the approval (the row was changed directly). */
  approval_token_error?: { code: string; message: string };
  /** Once the agent reported carrying it out (POST …/executions). */
  execution?: { outcome: string; digest: string; digest_matches: boolean; reported_at: string };
  decision: AgentDecision;
  /** Whether the envelope carried a rollback plan; false: irreversible. */
  reversible: boolean;
  /** On a rollback proposal: the executed proposal it undoes. */
  rollback_of?: string;
  /** Once a person asked to roll this one back: the rollback proposal. */
  rolled_back_by?: string;
};

/** The stored columns the agent's view reads: one of them unreadable (planted by SQL) makes the answer a 409. */
const AGENT_COLUMNS: ReadonlySet<string> = new Set(["status", "tier", "createdAt", "expiresAt", "version", "approvalCount", "requiredApprovals", "plan", "rollbackPlan"]);

/** An agent's view of its own proposal. Another agent's id is indistinguishable from a missing one. */
export async function getProposalForAgent(agentId: string, proposalId: string, now = new Date()): Promise<AgentProposalView> {
  const notFound = () => new AppError("not_found", "not_found", "No proposal with this id for this agent.");
  if (proposalId.length > 100) throw notFound();
  // The row's own values one by one (stored-proposal.ts); its related rows through the query builder.
  const stored = await readStoredProposal(proposalId, agentId);
  if (!stored) throw notFound();
  const [decisions, receipts, versions, executionRow] = await Promise.all([
    db.decision.findMany({ where: { proposalId }, ...AGENT_DECISION_SELECT.decisions }),
    db.receipt.findMany({ where: { proposalId, ...AGENT_DECISION_SELECT.receipts.where }, take: 1, select: AGENT_DECISION_SELECT.receipts.select }),
    db.proposalVersion.findMany({ where: { proposalId }, orderBy: { version: "desc" }, take: 1, select: { version: true, digest: true } }),
    db.execution.findUnique({ where: { proposalId }, select: { outcome: true, digest: true, digestMatches: true, createdAt: true } }),
  ]);
  const unreadable = stored.unreadable.filter((c) => AGENT_COLUMNS.has(c));
  // The version in force without its row: the approved digest would be the envelope's, not the plan's.
  if (versions[0]?.version !== stored.version) unreadable.push(`version ${stored.version}`);
  // An agent acts on this answer (it executes approved_plan with the token): a guessed value (a creation
  // time of 1970, no expiry, an empty plan) could mislead it, so a damaged row is answered 409 naming the
  // values, not 200 with fallbacks; and such a row cannot be decided (load-for-decision.ts).
  if (unreadable.length > 0) {
    throw new AppError("conflict", "unreadable", `Stored values of this proposal cannot be read (${unreadable.join(", ")}); it cannot be decided or executed. An operator can check the receipt chain with receipts:verify.`, { unreadable });
  }
  const proposal = { ...stored, decisions, receipts, versions, execution: executionRow };

  const { status, decision } = agentDecisionView(proposal, now);
  const rollback = await db.proposal.findUnique({ where: { rollbackOfId: proposal.id }, select: { id: true } });
  const inForce = proposal.versions[0];
  const approved = APPROVED_STATUSES.has(status)
    ? { approved_digest: inForce?.version === proposal.version ? inForce.digest : proposal.digest, approved_plan: proposal.plan }
    : {};
  // A fresh token on every GET while approved and not yet redeemed; never once
  // revoked, executed or failed. After a redemption the agent sees when instead.
  const issued = status === "approved" ? await issueApprovalToken(agentId, proposal.id, now) : null;
  let token: Pick<AgentProposalView, "approval_token" | "approval_token_expires_at" | "approval_token_error"> = {};
  let redemption: ApprovalRedemption | null = null;
  if (issued?.issued) token = { approval_token: issued.token, approval_token_expires_at: issued.expiresAt.toISOString() };
  else if (issued && "refused" in issued) token = { approval_token: null, approval_token_error: issued.refused };
  else if (issued) [token, redemption] = [{ approval_token: null }, issued];
  else if (status !== "pending") redemption = await findRedemption(proposal.id); // e.g. executed: when the tool was told "go"
  const redeemed = redemption
    ? { approval_token_redeemed_at: redemption.redeemedAt.toISOString(), approval_token_redeemed_by: redemption.redeemedBy }
    : {};
  const execution = proposal.execution
    ? {
        execution: {
          outcome: proposal.execution.outcome,
          digest: proposal.execution.digest,
          digest_matches: proposal.execution.digestMatches,
          reported_at: proposal.execution.createdAt.toISOString(),
        },
      }
    : {};
  return {
    id: proposal.id,
    status,
    tier: proposal.tier,
    digest: proposal.digest,
    created_at: proposal.createdAt.toISOString(),
    expires_at: proposal.expiresAt?.toISOString() ?? null,
    version: proposal.version,
    approvals: { count: proposal.approvalCount, required: proposal.requiredApprovals },
    ...approved,
    ...token,
    ...redeemed,
    ...execution,
    decision,
    reversible: proposal.rollbackPlan !== null,
    ...(proposal.rollbackOfId ? { rollback_of: proposal.rollbackOfId } : {}),
    ...(rollback ? { rolled_back_by: rollback.id } : {}),
  };
}
