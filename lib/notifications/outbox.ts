import "server-only";
// The write side of the notification outbox. Each row has a dedupe key, so
// two app instances scanning the same window (or one scanning it twice)
// enqueue a notification once: the unique index settles it.
import { db, type Tx } from "@/lib/db/client";
import type { Mail } from "@/lib/notifications/render-mail";

export type NewNotification = {
  channel: "email" | "chat";
  kind: "immediate" | "digest" | "reminder" | "proposal_posted" | "proposal_decided" | "slack_update";
  dedupeKey: string;
  target: string;
  proposalId?: string;
  userId?: string;
  queueId?: string;
  subject?: string;
  body: string;
};

export function mailBody(mail: Mail): string {
  return JSON.stringify({ text: mail.text, html: mail.html });
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/**
 * Inserts the notification unless one with its dedupe key exists; returns its id when this call inserted it.
 * Inside a PostgreSQL transaction a unique violation aborts the transaction: pass `tx` only when the key cannot exist yet.
 */
export async function enqueueNotification(n: NewNotification, tx: Tx | typeof db = db, now = new Date()): Promise<string | null> {
  try {
    const row = await tx.notificationDelivery.create({ data: { ...n, nextAttemptAt: now, createdAt: now }, select: { id: true } });
    return row.id;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export async function alreadyEnqueued(keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.notificationDelivery.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } });
  return new Set(rows.map((r) => r.dedupeKey));
}
