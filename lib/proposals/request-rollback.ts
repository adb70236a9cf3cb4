import "server-only";
// "Roll back" on an executed proposal (issue 14, part 3): a person who may
// decide its queue (approver or admin there) asks for the compensating action
// the agent declared in the envelope's `rollback`. That becomes a new proposal
// of the same agent, intent `rollback:<intent>`, plan = the rollback plan,
// decided like any other under the same policies (intake's Cedar questions:
// approved at once only where a policy says so, else pending for people).
// Both are linked (rollbackOfId, unique: one rollback per proposal, so a
// double click or two people at once make one), each gets a
// `rollback_requested` receipt, and the agent hears of it by webhook
// (`proposal.rollback_requested`) in the same transaction.
import { policyApprovalReceipt, proposedReceipt } from "@/lib/proposals/intake-receipts";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/base/app-error";
import { db } from "@/lib/db/client";
import { digestOf } from "@/lib/base/canonical-json";
import type { CurrentUser } from "@/lib/auth/current-user";
import { intakeOutcome } from "@/lib/policy/engine";
import { highestTier } from "@/lib/policy/scopes";
import { appendReceipts, type NewReceipt } from "@/lib/receipts/append-receipt";
import { recordInsights } from "@/lib/insights/record-insights";
import { loadQueueRoles, roleOnQueue } from "@/lib/users/queue-roles";
import { userActor } from "@/lib/users/user-actor";
import { riskRank } from "@/lib/proposals/risk";
import type { PlanStep } from "@/lib/proposals/envelope";
import { enqueueProposalEvents, enqueueRollbackRequested } from "@/lib/webhooks/enqueue";

export type RollbackRequested = { id: string; status: string; rollbackOf: string };

export const ROLLBACK_INTENT_PREFIX = "rollback:";

export async function requestRollback(user: CurrentUser, proposalId: string, now = new Date()): Promise<RollbackRequested> {
  const original = await db.proposal.findUnique({
    where: { id: proposalId },
    include: { agent: { select: { id: true, name: true, scopes: true, sponsorId: true, disabled: true } }, queue: { select: { id: true, slug: true } } },
  });
  if (!original) throw new AppError("not_found", "not_found", "No proposal with this id.");
  const role = roleOnQueue(await loadQueueRoles(user), original.queueId);
  if (role !== "approver" && role !== "admin") {
    throw new AppError("forbidden", "forbidden", `You are a ${role} on queue ${original.queue.slug}: only its approvers and admins can ask for a rollback.`);
  }
  if (original.status !== "executed") throw new AppError("conflict", "not_executed", "Only an executed proposal can be rolled back.");
  const plan = original.rollbackPlan as PlanStep[] | null;
  if (!plan || plan.length === 0) throw new AppError("unprocessable", "irreversible", "This proposal is irreversible: its agent sent no rollback plan.");
  if (original.agent.disabled) throw new AppError("conflict", "agent_stopped", "The agent was stopped; it cannot carry out a rollback.");

  const scopes = [...new Set(plan.map((step) => step.scope))];
  const tier = highestTier(scopes);
  const intent = `${ROLLBACK_INTENT_PREFIX}${original.intent}`;
  const title = `Roll back: ${original.title}`.slice(0, 300);
  const sent = original.envelope as Record<string, unknown>;
  // What the rollback proposes, as an envelope: the original's context with the rollback plan as its plan.
  const envelope = {
    queue: original.queue.slug,
    intent,
    title,
    ...(original.summary ? { summary: original.summary } : {}),
    actor: sent.actor as Record<string, string>,
    scopes,
    risk: original.risk,
    plan,
    rollback_of: original.id,
  };
  const digest = digestOf(envelope);
  const outcome = intakeOutcome({
    agent: { id: original.agent.id, name: original.agent.name, scopes: original.agent.scopes as string[], sponsorId: original.agent.sponsorId },
    proposal: { queue: original.queue.slug, tier, risk: original.risk, intent, scopes, actorEmail: original.actorEmail },
  });
  const id = randomUUID();
  const actor = userActor(user);
  const created = { id, digest, tier, at: now };
  const receipts: NewReceipt[] = [
    proposedReceipt(created, actor, { queue: original.queue.slug, intent, scopes, status: outcome.status, policies: outcome.policies }),
    { kind: "rollback_requested", proposalId: id, actor, digest, at: now, payload: { proposal_id: id, rollback_of: original.id, rollback_proposal_id: id } },
    { kind: "rollback_requested", proposalId: original.id, actor, digest: original.digest, at: now, payload: { proposal_id: original.id, rollback_of: original.id, rollback_proposal_id: id } },
  ];
  if (outcome.status === "approved") receipts.push(policyApprovalReceipt(created, outcome));
  try {
    await db.$transaction(async (tx) => {
      await tx.proposal.create({
        data: {
          id,
          agentId: original.agentId,
          queueId: original.queueId,
          intent,
          title,
          summary: original.summary,
          actorType: original.actorType,
          actorId: original.actorId,
          actorEmail: original.actorEmail,
          actorName: original.actorName,
          agentModel: original.agentModel,
          agentVersion: original.agentVersion,
          agentRunId: original.agentRunId,
          scopes,
          tier,
          risk: original.risk,
          riskRank: riskRank(original.risk),
          plan,
          envelope,
          digest,
          status: outcome.status,
          requiredApprovals: outcome.requiredApprovals,
          policies: outcome.policies,
          intakeResponse: { id, status: outcome.status, tier, digest },
          rollbackOfId: original.id,
          decidedAt: outcome.status === "approved" ? now : null,
          createdAt: now,
          versions: { create: { version: 1, plan, digest, createdAt: now } },
        },
        select: { id: true },
      });
      await appendReceipts(tx, receipts);
      // Counted like any new proposal (after the receipts: the chain's lock orders the rollup writers).
      await recordInsights(tx, [{ type: "created", at: now, queueId: original.queueId, agentId: original.agentId, autoApproved: outcome.status === "approved" }]);
      await enqueueRollbackRequested(tx, { rollbackId: id, rollbackOf: original.id }, now);
      if (outcome.status === "approved") await enqueueProposalEvents(tx, [id], now);
    });
  } catch (error) {
    if (typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002") {
      throw new AppError("conflict", "rollback_exists", "A rollback of this proposal was already requested.");
    }
    throw error;
  }
  return { id, status: outcome.status, rollbackOf: original.id };
}
