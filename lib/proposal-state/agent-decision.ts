// The agent's view of a proposal's decision: its status and who decided how.
// One builder for the agent's GET /api/v1/proposals/{id} and the webhook
// event body, so a push and a poll of the same proposal say the same thing.
// The status is the effective one: a pending proposal past its expiry is
// `expired` at once, before the sweeper writes it.
// It lives in lib/proposal-state, below both lib/proposals (the GET) and
// lib/webhooks (the event body), so neither folder imports the other for it.
import { effectiveStatus } from "@/lib/proposal-state/status";

export type AgentDecision = null | {
  outcome: string;
  decided_by: { id: string; email: string; name: string } | null;
  decided_by_policy?: string;
  /** Set when an admin's standing approval decided (lib/standing-approvals): its id. */
  decided_by_standing_approval?: string;
  decided_at: string;
  reason: string | null;
  /** True when the approver edited the plan before approving. */
  with_edits: boolean;
};

/** The actor id of an approval by a standing approval ("standing-approval:<id>", lib/standing-approvals/policy-text.ts). */
const STANDING_PREFIX = "standing-approval:";

/** What a proposal query must select to build the view (spread into a Prisma `select`). */
export const AGENT_DECISION_SELECT = {
  status: true,
  digest: true,
  expiresAt: true,
  decisions: {
    orderBy: { createdAt: "desc" },
    take: 1,
    select: { outcome: true, reason: true, digest: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
  },
  receipts: { where: { kind: "auto_approved" }, take: 1, select: { actorId: true, reason: true, createdAt: true } },
} as const;

/** The fields of a proposal row the view reads. */
export type DecisionSource = {
  status: string;
  digest: string;
  expiresAt: Date | null;
  decisions: { outcome: string; reason: string | null; digest: string; createdAt: Date; user: { id: string; email: string; name: string } }[];
  receipts: { actorId: string | null; reason: string | null; createdAt: Date }[];
};

/** The latest human decision wins; otherwise the policy's automatic approval; otherwise none (e.g. expired). */
export function agentDecisionView(p: DecisionSource, now: Date): { status: string; decision: AgentDecision } {
  const status = effectiveStatus(p.status, p.expiresAt, now);
  const human = p.decisions[0];
  if (human && status !== "pending") {
    return {
      status,
      decision: {
        outcome: human.outcome,
        decided_by: human.user,
        decided_at: human.createdAt.toISOString(),
        reason: human.reason,
        with_edits: human.outcome === "approved" && human.digest !== p.digest,
      },
    };
  }
  const policy = p.receipts[0];
  if (policy) {
    return {
      status,
      decision: {
        outcome: "approved",
        decided_by: null,
        decided_by_policy: policy.actorId ?? "policy",
        ...(policy.actorId?.startsWith(STANDING_PREFIX) ? { decided_by_standing_approval: policy.actorId.slice(STANDING_PREFIX.length) } : {}),
        decided_at: policy.createdAt.toISOString(),
        reason: policy.reason,
        with_edits: false,
      },
    };
  }
  return { status, decision: null };
}
