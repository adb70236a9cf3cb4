// The two outboxes' shared bookkeeping (webhook deliveries and notification
// deliveries; the notification worker uses the webhook outbox's leases and
// retry schedule): taking the lease on due rows, and recording a send's
// outcome with its retry or give-up. A row is sent only by the worker that
// holds its lease (lockedUntil), taken with a guarded update: the same
// due-and-unleased condition again, in the write, so only one worker's update
// can match. A worker that dies mid-send leaves a lease that simply runs out.
import { storableText } from "@/lib/base/storable-text";
import { backoffDelayMs } from "@/lib/webhooks/backoff";

/** Longer than the send timeout, so a live worker always finishes inside its own lease. */
export const LEASE_MS = 60_000;

/** The columns both outbox tables share; a Prisma delegate of either fits. */
export type OutboxTable = {
  findMany(args: { where: object; orderBy: { nextAttemptAt: "asc" }; take: number; select: { id: true } }): Promise<{ id: string }[]>;
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
};

export type Claimed = { id: string; lease: Date };

/** `final`: retrying cannot help (the target is refused), so the delivery fails at once. */
export type Outcome = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string; final?: boolean };

export type DeliverSummary = { claimed: number; delivered: number; retrying: number; failed: number };

const MAX_ERROR_LENGTH = 500;

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

/**
 * Records one send's outcome: delivered, or retried later on the backoff
 * schedule, or failed for good (after `maxAttempts`, or at once when retrying
 * cannot help). Only while this worker still holds its lease: if it ran out
 * and another worker took the row, that worker records the outcome. Counts it
 * in `summary`.
 */
export async function recordOutcome(
  table: OutboxTable,
  row: { id: string; attempts: number },
  lease: Date | undefined,
  outcome: Outcome,
  context: { now: Date; maxAttempts: number; summary: DeliverSummary },
): Promise<void> {
  const { now, maxAttempts, summary } = context;
  const attempts = row.attempts + 1;
  const giveUp = !outcome.ok && (attempts >= maxAttempts || outcome.final === true);
  const data = outcome.ok
    ? { status: "delivered", attempts, deliveredAt: now, lastStatusCode: outcome.statusCode, lastError: null, lockedUntil: null }
    : {
        status: giveUp ? "failed" : "pending",
        attempts,
        lastStatusCode: outcome.statusCode,
        // The error may quote the receiver's answer: a NUL in it must not fail this write (PostgreSQL).
        lastError: storableText(outcome.error, MAX_ERROR_LENGTH),
        lockedUntil: null,
        ...(giveUp ? {} : { nextAttemptAt: new Date(now.getTime() + backoffDelayMs(attempts)) }),
      };
  const written = await table.updateMany({ where: { id: row.id, lockedUntil: lease }, data });
  if (written.count === 0) return;
  if (outcome.ok) summary.delivered++;
  else if (giveUp) summary.failed++;
  else summary.retrying++;
}
