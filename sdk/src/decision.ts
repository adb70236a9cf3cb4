// From the agent's view of a proposal to the decision union, or null while pending.
import type { Decision, Proposal } from "./types.js";

/** Statuses in which an approved plan is in force (executed and failed were approved first). */
const APPROVED = new Set(["approved", "executed", "failed"]);

export function decisionOf(proposal: Proposal): Decision | null {
  const base = { proposalId: proposal.id, proposal };
  const decision = proposal.decision;
  if (APPROVED.has(proposal.status)) {
    return {
      ...base,
      status: "approved",
      approvedPlan: proposal.approved_plan ?? [],
      approvedDigest: proposal.approved_digest ?? proposal.digest,
      withEdits: decision?.with_edits ?? false,
      approvalToken: proposal.approval_token ?? null,
      decidedBy: decision?.decided_by ?? null,
      decidedByPolicy: decision?.decided_by_policy ?? null,
      execution: proposal.execution ?? null,
    };
  }
  switch (proposal.status) {
    case "pending":
      return null;
    case "rejected":
      return { ...base, status: "rejected", reason: decision?.reason ?? null, decidedBy: decision?.decided_by ?? null };
    case "expired":
      return { ...base, status: "expired" };
    case "cancelled":
      return { ...base, status: "cancelled", reason: decision && decision.outcome !== "approved" ? decision.reason : null };
    case "revoked":
      // The agent view keeps the approval as `decision`; the revocation's reason is on the receipts, not here.
      return { ...base, status: "revoked", reason: null };
    default:
      // A status this SDK version does not know: treat as not approved, never as approval.
      return { ...base, status: "cancelled", reason: `unknown status ${JSON.stringify(proposal.status)}` };
  }
}
