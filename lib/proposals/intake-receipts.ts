// The receipts a new proposal is written with: "proposed", and "auto_approved"
// when the intake policies approve it. One definition for every path that
// creates a proposal (the agent's intake and a requested rollback), so their
// receipts cannot drift apart.
import type { NewReceipt, ReceiptActor } from "@/lib/receipts/append-receipt";

type NewProposal = { id: string; digest: string; tier: string; at: Date };

export function proposedReceipt(
  p: NewProposal,
  actor: ReceiptActor,
  facts: { queue: string; intent: string; scopes: string[]; status: string; policies: string[] },
): NewReceipt {
  return {
    kind: "proposed",
    proposalId: p.id,
    actor,
    digest: p.digest,
    at: p.at,
    payload: { proposal_id: p.id, queue: facts.queue, intent: facts.intent, tier: p.tier, scopes: facts.scopes, status: facts.status, policies: facts.policies },
  };
}

/** The intake policies approved it: the policies are the decider. */
export function policyApprovalReceipt(p: NewProposal, outcome: { policies: string[]; reason: string }): NewReceipt {
  const names = outcome.policies.join(", ");
  return {
    kind: "auto_approved",
    proposalId: p.id,
    actor: { type: "policy", id: names, name: names },
    digest: p.digest,
    reason: outcome.reason,
    at: p.at,
    payload: { proposal_id: p.id, outcome: "approved", tier: p.tier, policies: outcome.policies },
  };
}
