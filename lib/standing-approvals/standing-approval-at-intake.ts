import "server-only";
// Intake's side of standing approvals: before the transaction, which grants
// cover the proposal (their Cedar policies); inside it, take a use of the
// first one with room left (consume-standing-approval.ts), else the proposal
// waits for people as the policies said. The decider is the standing
// approval: named in the `auto_approved` receipt as
// `decided_by_standing_approval`, the policy id as the actor.
import type { Sql } from "@/lib/db/sql";
import type { IntakeFacts } from "@/lib/policy/engine";
import type { NewReceipt } from "@/lib/receipts/append-receipt";
import { parseScope } from "@/lib/policy/scopes";
import { consumeStandingApproval } from "@/lib/standing-approvals/consume-standing-approval";
import { matchStandingApprovals, type StandingCandidate } from "@/lib/standing-approvals/match-standing-approvals";

export type StandingUse = StandingCandidate;

export async function standingApprovalFor(input: {
  agent: IntakeFacts["agent"];
  queueId: string;
  facts: IntakeFacts;
  plan: { tool: string; scope: string; args: Record<string, unknown> }[];
  now: Date;
}): Promise<{ take: (sql: Sql) => Promise<StandingUse | null> } | null> {
  const { proposal } = input.facts;
  // Reading steps change nothing; every other step must be the granted tool within its constraints.
  const acting = input.plan.filter((step) => parseScope(step.scope)?.tier !== "read");
  if (acting.length === 0) return null;
  const candidates = await matchStandingApprovals({
    agent: input.agent,
    queueId: input.queueId,
    proposal: { ...proposal, id: "new", queueSlug: proposal.queue, sponsorId: input.agent.sponsorId },
    plan: acting,
    now: input.now,
  });
  if (candidates.length === 0) return null;
  return {
    take: async (sql) => {
      for (const candidate of candidates) {
        if (await consumeStandingApproval(sql, candidate, input.now)) return candidate;
      }
      return null;
    },
  };
}

export function standingApprovalReceipt(proposal: { id: string; digest: string; tier: string; at: Date }, used: StandingUse): NewReceipt {
  return {
    kind: "auto_approved",
    proposalId: proposal.id,
    actor: { type: "policy", id: used.policyId, name: `standing approval: ${used.reason}` },
    digest: proposal.digest,
    reason: `approved by standing approval ${used.id}: ${used.reason}`,
    at: proposal.at,
    payload: {
      proposal_id: proposal.id,
      outcome: "approved",
      tier: proposal.tier,
      policies: [used.policyId],
      decided_by_standing_approval: used.id,
      standing_approval_revision: used.revision,
    },
  };
}
