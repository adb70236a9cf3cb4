import "server-only";
// The JSON body of a webhook event. It carries the same decision shape the
// agent's GET /api/v1/proposals/{id} returns, so an agent can handle a push
// and a poll with one code path.
import type { AgentProposalView } from "@/lib/proposals/get-proposal-for-agent";

export type WebhookEventBody = {
  /** The delivery id; also sent as the Countersign-Delivery header. Receivers use it to drop duplicates. */
  id: string;
  type: string;
  created_at: string;
  data: {
    proposal_id: string;
    status: string;
    digest: string;
    decision: AgentProposalView["decision"];
  };
};

/** The fields a proposal row must have loaded to build its event. */
export type ProposalForEvent = {
  id: string;
  status: string;
  digest: string;
  decisions: { outcome: string; reason: string | null; digest: string; createdAt: Date; user: { id: string; email: string; name: string } }[];
  receipts: { actorId: string | null; reason: string | null; createdAt: Date }[];
};

/** The latest human decision wins; otherwise the policy's automatic approval; otherwise none (e.g. expired). */
export function decisionFor(p: ProposalForEvent): AgentProposalView["decision"] {
  const human = p.decisions[0];
  if (human && p.status !== "pending") {
    return {
      outcome: human.outcome,
      decided_by: human.user,
      decided_at: human.createdAt.toISOString(),
      reason: human.reason,
      with_edits: human.outcome === "approved" && human.digest !== p.digest,
    };
  }
  const policy = p.receipts[0];
  if (policy) {
    return {
      outcome: "approved",
      decided_by: null,
      decided_by_policy: policy.actorId ?? "policy",
      decided_at: policy.createdAt.toISOString(),
      reason: policy.reason,
      with_edits: false,
    };
  }
  return null;
}

export function proposalEventBody(deliveryId: string, p: ProposalForEvent, now: Date): WebhookEventBody {
  return {
    id: deliveryId,
    type: `proposal.${p.status}`,
    created_at: now.toISOString(),
    data: { proposal_id: p.id, status: p.status, digest: p.digest, decision: decisionFor(p) },
  };
}
