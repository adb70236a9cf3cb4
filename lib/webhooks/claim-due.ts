// Taking the lease on due outbox rows, for both outboxes (webhook deliveries
// and notification deliveries; the notification worker uses the webhook
// outbox's leases and retry schedule). A row is sent only by the worker that
// holds its lease (lockedUntil), taken with a guarded update: the same
// due-and-unleased condition again, in the write, so only one worker's update
// can match. A worker that dies mid-send leaves a lease that simply runs out.

/** Longer than the send timeout, so a live worker always finishes inside its own lease. */
export const LEASE_MS = 60_000;

/** The columns both outbox tables share; a Prisma delegate of either fits. */
export type OutboxTable = {
  findMany(args: { where: object; orderBy: { nextAttemptAt: "asc" }; take: number; select: { id: true } }): Promise<{ id: string }[]>;
  updateMany(args: { where: object; data: { lockedUntil: Date } }): Promise<{ count: number }>;
};

export type Claimed = { id: string; lease: Date };

function dueWhere(now: Date) {
  return { status: "pending", nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] };
}

/**
 * Takes the lease on up to `limit` due rows (`narrow` limits which: an agent,
 * some ids) and returns their ids with the lease each was taken with. A row
 * another worker claimed first is skipped.
 */
export async function claimDue(table: OutboxTable, now: Date, limit: number, narrow: object = {}): Promise<Claimed[]> {
  const candidates = await table.findMany({ where: { ...dueWhere(now), ...narrow }, orderBy: { nextAttemptAt: "asc" }, take: limit, select: { id: true } });
  const lease = new Date(now.getTime() + LEASE_MS);
  const claimed: Claimed[] = [];
  for (const { id } of candidates) {
    const won = await table.updateMany({ where: { id, ...dueWhere(now) }, data: { lockedUntil: lease } });
    if (won.count === 1) claimed.push({ id, lease });
  }
  return claimed;
}
