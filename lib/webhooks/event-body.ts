import "server-only";
// The JSON body of a webhook event. Its status and decision come from the same
// builder as the agent's GET /api/v1/proposals/{id} (lib/proposal-state/agent-decision.ts),
// so an agent can handle a push and a poll with one code path.
import { agentDecisionView, type AgentDecision, type DecisionSource } from "@/lib/proposal-state/agent-decision";

export type WebhookEventBody = {
  /** The delivery id; also sent as the Countersign-Delivery header. Receivers use it to drop duplicates. */
  id: string;
  type: string;
  created_at: string;
  data: {
    proposal_id: string;
    status: string;
    digest: string;
    decision: AgentDecision;
  };
};

/** The fields a proposal row must have loaded to build its event (AGENT_DECISION_SELECT and its id). */
export type ProposalForEvent = DecisionSource & { id: string };

export function proposalEventBody(deliveryId: string, p: ProposalForEvent, now: Date): WebhookEventBody {
  const { status, decision } = agentDecisionView(p, now);
  return {
    id: deliveryId,
    type: `proposal.${status}`,
    created_at: now.toISOString(),
    data: { proposal_id: p.id, status, digest: p.digest, decision },
  };
}
