import "server-only";
// Intake looks up the target queue on every proposal. Queues are created by
// admins and never renamed or deleted, so found queues are kept in memory for
// a short while; a miss always asks the database, so a new queue works at once
// (a changed default time-to-live applies within 30 s).
import { db } from "@/lib/db/client";

export type QueueRef = { id: string; slug: string; defaultTtlSeconds: number | null };

const TTL_MS = 30_000;
const cache = new Map<string, { queue: QueueRef; until: number }>();

export async function findQueueBySlug(slug: string, now = Date.now()): Promise<QueueRef | null> {
  const hit = cache.get(slug);
  if (hit && hit.until > now) return hit.queue;
  const queue = await db.queue.findUnique({ where: { slug }, select: { id: true, slug: true, defaultTtlSeconds: true } });
  if (queue) cache.set(slug, { queue, until: now + TTL_MS });
  else cache.delete(slug);
  return queue;
}
