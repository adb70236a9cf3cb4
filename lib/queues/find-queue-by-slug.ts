import "server-only";
// Intake looks up the target queue on every proposal. Found queues are kept in
// memory for a very short while (QUEUE_CACHE_MS), because a queue's domains
// decide who may send it what: a change on this instance drops its entry at
// once (forgetQueue), and another instance of the app follows within
// QUEUE_CACHE_MS. A miss always asks the database, so a new queue works at once.
import { db } from "@/lib/db/client";
import { readQueueDomains } from "@/lib/queues/queue-domains";

export type QueueRef = { id: string; slug: string; defaultTtlSeconds: number | null; domains: string[] };

/** How long another app instance may still apply a queue's previous domains or default TTL. */
export const QUEUE_CACHE_MS = 2_000;
// One map per process, on globalThis: Next bundles route handlers and server
// actions separately, so a module-level map would exist once per bundle and an
// admin's change (a server action) would not reach intake's copy (a route).
const CACHE_KEY = Symbol.for("countersign.queueCache");
const holder = globalThis as { [CACHE_KEY]?: Map<string, { queue: QueueRef; until: number }> };
const cache = (holder[CACHE_KEY] ??= new Map());

export async function findQueueBySlug(slug: string, now = Date.now()): Promise<QueueRef | null> {
  const hit = cache.get(slug);
  if (hit && hit.until > now) return hit.queue;
  const row = await db.queue.findUnique({ where: { slug }, select: { id: true, slug: true, defaultTtlSeconds: true, domains: true } });
  if (!row) {
    cache.delete(slug);
    return null;
  }
  const queue: QueueRef = { ...row, domains: readQueueDomains(row.domains) };
  cache.set(slug, { queue, until: now + QUEUE_CACHE_MS });
  return queue;
}

/** Drops a queue from this instance's cache, after a change to it commits. */
export function forgetQueue(slug: string): void {
  cache.delete(slug);
}
