import "server-only";
// The notification log for admins (/admin/notifications): every mail and chat
// post with its status, attempts and last error, and "Retry now". Chat URLs
// are shown by host only: the path of a Slack or Teams webhook URL is its secret.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import { assertAdmin } from "@/lib/auth/require-admin";

export const NOTIFICATION_STATUSES = ["pending", "delivered", "failed"] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export type NotificationRow = {
  id: string;
  channel: string;
  kind: string;
  to: string;
  subject: string | null;
  proposalId: string | null;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  createdAt: Date;
};

function shownTarget(channel: string, target: string): string {
  if (channel === "email") return target;
  try {
    return new URL(target).host;
  } catch {
    return "(invalid URL)";
  }
}

export async function listNotificationDeliveries(admin: { role: string }, options: { status?: NotificationStatus; take?: number } = {}): Promise<NotificationRow[]> {
  assertAdmin(admin);
  const rows = await db.notificationDelivery.findMany({
    where: options.status ? { status: options.status } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.take ?? 100,
    select: { id: true, channel: true, kind: true, target: true, subject: true, proposalId: true, status: true, attempts: true, lastStatusCode: true, lastError: true, nextAttemptAt: true, deliveredAt: true, createdAt: true },
  });
  return rows.map(({ target, ...row }) => ({ ...row, to: shownTarget(row.channel, target) }));
}

export const retryNotificationInput = z.object({ deliveryId: z.string().min(1).max(100) });

export async function retryNotification(admin: { role: string }, raw: z.input<typeof retryNotificationInput>, now = new Date()): Promise<{ id: string }> {
  assertAdmin(admin);
  const { deliveryId } = retryNotificationInput.parse(raw);
  const row = await db.notificationDelivery.findUnique({ where: { id: deliveryId }, select: { status: true } });
  if (!row) throw new AppError("not_found", "not_found", "No such notification. Reload the page.");
  if (row.status === "delivered") throw new AppError("conflict", "already_delivered", "This notification was already delivered; there is nothing to retry.");
  const updated = await db.notificationDelivery.updateMany({
    where: { id: deliveryId, status: { in: ["pending", "failed"] }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { status: "pending", nextAttemptAt: now },
  });
  if (updated.count === 0) throw new AppError("conflict", "in_flight", "This notification is being sent right now. Reload the page in a few seconds.");
  return { id: deliveryId };
}
