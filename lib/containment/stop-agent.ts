import "server-only";
// Stopping an agent in one action, in one transaction: the agent is disabled
// and its keys revoked (authenticateAgent refuses both on every request, so
// the next call fails), its pending proposals are cancelled and its approved
// but unexecuted ones revoked, each with its receipt, and one agent_stopped
// receipt sums it up. An approval whose token a tool already redeemed is left
// approved (the action may have run; its execution report is still to come)
// and counted as such, exactly as revokeApproval refuses it. An agent may have thousands of open proposals, so the
// writes are set-based and receipts are inserted in chunks.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import { appendReceipts, type NewReceipt } from "@/lib/receipts/append-receipt";
import { adminActor, type AdminCaller } from "@/lib/users/admin-caller";
import { chunks } from "@/lib/containment/chunk";
import { enqueueProposalEvents } from "@/lib/webhooks/enqueue";
import { recordInsights } from "@/lib/insights/record-insights";
import { findRedeemedTokens, loadRevocable, revokedReceipt } from "@/lib/containment/revoke-approval";

export const stopAgentInput = z
  .object({
    agentId: z.string().min(1).max(100).optional(),
    agentName: z.string().min(1).max(64).optional(),
    reason: z.string().trim().min(1, "give a reason for stopping the agent").max(2000, "keep the reason under 2000 characters"),
  })
  .refine((v) => !!v.agentId || !!v.agentName, { message: "name the agent to stop", path: ["agentId"] });
export type StopAgentInput = z.input<typeof stopAgentInput>;

export type StopAgentResult = {
  agentId: string;
  name: string;
  keysRevoked: number;
  cancelled: number;
  revoked: number;
  /** Approvals left approved because a tool already redeemed their token: the action may have run. */
  leftRedeemed: number;
  alreadyStopped: boolean;
};

// Receipts carry about a dozen columns each: 50 rows stay under SQLite's 999 parameters.
const RECEIPT_CHUNK = 50;

export async function stopAgent(caller: AdminCaller, rawInput: StopAgentInput, now = new Date()): Promise<StopAgentResult> {
  const actor = adminActor(caller);
  const input = stopAgentInput.parse(rawInput);
  const stopId = randomUUID();
  return db.$transaction(
    async (tx) => {
      const agent = await tx.agent.findUnique({
        where: input.agentId ? { id: input.agentId } : { name: input.agentName! },
        select: { id: true, name: true, stoppedAt: true },
      });
      if (!agent) throw new AppError("not_found", "not_found", `No agent ${input.agentId ?? input.agentName}.`);

      await tx.agent.update({ where: { id: agent.id }, data: { disabled: true, stoppedAt: agent.stoppedAt ?? now } });
      const keys = await tx.apiKey.updateMany({ where: { agentId: agent.id, revokedAt: null }, data: { revokedAt: now } });

      // Pending -> cancelled. Tagging the rows with this stop's id tells which
      // ones this transaction moved, even if a decision raced it. Ones already
      // past their expiry are left for the sweeper: they expired, whoever stops the agent.
      await tx.proposal.updateMany({
        where: { agentId: agent.id, status: "pending", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
        data: { status: "cancelled", decidedAt: now, decidedBatchId: stopId },
      });
      const cancelled = await tx.proposal.findMany({ where: { decidedBatchId: stopId, status: "cancelled" }, select: { id: true, digest: true, queueId: true } });

      // Approved and not executed -> revoked, guarded the same way as
      // revokeApproval. The rows are locked first (a guarded write), as the
      // online redemption of a token locks its proposal's row before spending
      // it; the redeemed tokens read after that are all there will be.
      const candidates = await loadRevocable(tx, { agentId: agent.id });
      const redeemed = new Set<string>();
      for (const part of chunks(candidates.map((p) => p.id))) {
        await tx.proposal.updateMany({ where: { id: { in: part }, status: "approved", execution: { is: null } }, data: { updatedAt: now } });
        for (const id of (await findRedeemedTokens(tx, part)).keys()) redeemed.add(id);
      }
      const revocable = candidates.filter((p) => !redeemed.has(p.id));
      const revokedIds: string[] = [];
      for (const part of chunks(revocable.map((p) => p.id))) {
        await tx.proposal.updateMany({
          where: { id: { in: part }, status: "approved", execution: { is: null } },
          data: { status: "revoked", decidedBatchId: stopId },
        });
      }
      for (const part of chunks(revocable.map((p) => p.id))) {
        const won = await tx.proposal.findMany({ where: { id: { in: part }, decidedBatchId: stopId, status: "revoked" }, select: { id: true } });
        revokedIds.push(...won.map((p) => p.id));
      }
      const revokedSet = new Set(revokedIds);
      const reason = input.reason;

      const receipts: NewReceipt[] = [
        ...cancelled.map(
          (p): NewReceipt => ({
            kind: "cancelled",
            actor,
            proposalId: p.id,
            digest: p.digest,
            reason,
            at: now,
            batchId: stopId,
            payload: { proposal_id: p.id, digest: p.digest, cause: "agent_stopped", agent: agent.name, reason },
          }),
        ),
        ...revocable
          .filter((p) => revokedSet.has(p.id))
          .map((p) => ({ ...revokedReceipt(p, actor, reason, now, { cause: "agent_stopped", agent: agent.name }), batchId: stopId })),
        {
          kind: "agent_stopped",
          actor,
          reason,
          at: now,
          batchId: stopId,
          payload: {
            agent_id: agent.id,
            agent: agent.name,
            keys_revoked: keys.count,
            proposals_cancelled: cancelled.length,
            approvals_revoked: revokedIds.length,
            approvals_left_redeemed: redeemed.size,
            already_stopped: agent.stoppedAt !== null,
            reason,
          },
        },
      ];
      for (const part of chunks(receipts, RECEIPT_CHUNK)) await appendReceipts(tx, part);
      await recordInsights(tx, cancelled.map((p) => ({ type: "closed" as const, at: now, queueId: p.queueId, agentId: agent.id, outcome: "cancelled" as const })));
      // The agent (its keys now refused) still hears of each change by webhook, if it has one.
      await enqueueProposalEvents(tx, [...cancelled.map((p) => p.id), ...revokedIds], now);

      return {
        agentId: agent.id,
        name: agent.name,
        keysRevoked: keys.count,
        cancelled: cancelled.length,
        revoked: revokedIds.length,
        leftRedeemed: redeemed.size,
        alreadyStopped: agent.stoppedAt !== null,
      };
    },
    // Thousands of open proposals take longer than the 5 s default.
    { timeout: 120_000, maxWait: 30_000 },
  );
}
