import "server-only";
// The queue page's two figures about now, for every queue at once: the oldest
// pending proposal and how many pending ones are past their queue's service
// time. Two grouped queries whatever the number of queues (it was two queries
// per queue): the oldest is a MIN per queue over the live pending proposals,
// and the count takes every queue's own cut-off (now minus its service time)
// in one WHERE, so the (queueId, status, createdAt) index reads only the rows
// older than each queue's cut-off.
import { db } from "@/lib/db/client";

export type PendingNow = { oldestAt: Date | null; pastServiceTime: number };

/** Per queue id: the oldest live pending proposal and, for queues with a service time, how many pending ones are older than it. */
export async function pendingNow(serviceMinutesOf: Map<string, number>, now: Date): Promise<Map<string, PendingNow>> {
  // Pending and not yet past its expiry (the sweeper marks expired ones about every minute).
  const live = { status: "pending", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const cutOffs = [...serviceMinutesOf].map(([queueId, minutes]) => ({ queueId, createdAt: { lte: new Date(now.getTime() - minutes * 60_000) } }));
  const [oldest, past] = await Promise.all([
    db.proposal.groupBy({ by: ["queueId"], where: live, _min: { createdAt: true } }),
    cutOffs.length === 0 ? Promise.resolve([]) : db.proposal.groupBy({ by: ["queueId"], where: { AND: [live, { OR: cutOffs }] }, _count: { _all: true } }),
  ]);
  const byQueue = new Map<string, PendingNow>();
  for (const row of oldest) byQueue.set(row.queueId, { oldestAt: row._min.createdAt, pastServiceTime: 0 });
  // A proposal that arrived between the two reads may show in the count only: it still counts.
  for (const row of past) byQueue.set(row.queueId, { oldestAt: byQueue.get(row.queueId)?.oldestAt ?? null, pastServiceTime: row._count._all });
  return byQueue;
}
