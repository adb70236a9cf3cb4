import "server-only";
// Every queue with what an admin decides about it: the scope domains it
// governs, separation of duties, and how much is waiting in it.
import { db } from "@/lib/db/client";
import { readQueueDomains } from "@/lib/queues/queue-domains";

export async function listQueuesForAdmin() {
  const [queues, pending] = await Promise.all([
    db.queue.findMany({
      orderBy: { slug: "asc" },
      select: { id: true, slug: true, name: true, description: true, domains: true, separationOfDuties: true, defaultTtlSeconds: true, createdAt: true },
    }),
    db.proposal.groupBy({ by: ["queueId"], where: { status: "pending" }, _count: { _all: true } }),
  ]);
  const pendingByQueue = new Map(pending.map((p) => [p.queueId, p._count._all]));
  return queues.map((q) => ({
    ...q,
    domains: readQueueDomains(q.domains),
    pending: pendingByQueue.get(q.id) ?? 0,
    createdAt: q.createdAt.toISOString(),
  }));
}
