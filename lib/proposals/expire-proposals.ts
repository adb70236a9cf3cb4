import "server-only";
// The expiry sweeper: marks pending proposals past their expiry as expired and
// records a receipt for each, in one transaction per batch. Reads already show
// such proposals as expired and decisions already refuse them; the sweeper
// makes the stored status and the audit trail say so too. Safe to run on
// several instances at once: the guarded write lets each row be expired once.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { appendReceipts, type ReceiptActor } from "@/lib/receipts/append-receipt";
import { enqueueProposalEvents } from "@/lib/webhooks/enqueue";
import { recordInsights } from "@/lib/insights/record-insights";

export const SWEEPER_ACTOR: ReceiptActor = { type: "system", id: "expiry-sweeper", name: "Expiry sweeper" };
const BATCH = 500;

/** Expires up to `limit` overdue proposals; returns how many this call expired. */
export async function expireOverdueProposals(now = new Date(), limit = 10_000): Promise<number> {
  let total = 0;
  while (total < limit) {
    const overdue = await db.proposal.findMany({
      where: { status: "pending", expiresAt: { lte: now } },
      select: { id: true },
      orderBy: { expiresAt: "asc" },
      take: Math.min(BATCH, limit - total),
    });
    if (overdue.length === 0) break;
    const sweepId = randomUUID();
    const expired = await db.$transaction(async (tx) => {
      await tx.proposal.updateMany({
        where: { id: { in: overdue.map((p) => p.id) }, status: "pending", expiresAt: { lte: now } },
        data: { status: "expired", decidedAt: now, decidedBatchId: sweepId },
      });
      const mine = await tx.proposal.findMany({
        where: { decidedBatchId: sweepId },
        select: { id: true, digest: true, expiresAt: true, queueId: true, agentId: true },
      });
      await appendReceipts(
        tx,
        mine.map((p) => ({
          kind: "expired" as const,
          actor: SWEEPER_ACTOR,
          proposalId: p.id,
          digest: p.digest,
          reason: "expired before anyone decided",
          at: now,
          payload: { proposal_id: p.id, expires_at: p.expiresAt?.toISOString() ?? null, swept_at: now.toISOString() },
        })),
      );
      // Same transaction: the agent is told about exactly the expiries that committed.
      await enqueueProposalEvents(tx, mine.map((p) => p.id), now);
      await recordInsights(tx, mine.map((p) => ({ type: "closed" as const, at: now, queueId: p.queueId, agentId: p.agentId, outcome: "expired" as const })));
      return mine.length;
    });
    total += expired;
    if (overdue.length < BATCH) break;
  }
  return total;
}
