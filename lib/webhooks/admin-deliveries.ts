import "server-only";
// The admin delivery log: recent outbox rows, newest first, filtered by status,
// paged by (createdAt, id) so a page never shifts under new rows. Also the
// "Retry now" of a pending or failed row. Both check the caller is an admin.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { assertAdmin } from "@/lib/roles/admin";
import { AppError } from "@/lib/base/app-error";

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERIES_PAGE_SIZE = 50;

export type DeliveryRow = {
  id: string;
  agent: { id: string; name: string };
  event: string;
  proposalId: string | null;
  url: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string;
  deliveredAt: string | null;
  createdAt: string;
  /** A worker holds the lease right now: the row is being sent. */
  sending: boolean;
};

export type DeliveryCursor = { createdAt: Date; id: string };

export function parseDeliveryStatus(value: unknown): DeliveryStatus | undefined {
  return DELIVERY_STATUSES.find((s) => s === value);
}

export function encodeDeliveryCursor(c: DeliveryCursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString("base64url");
}

export function parseDeliveryCursor(value: unknown): DeliveryCursor | null {
  if (typeof value !== "string" || value.length > 200) return null;
  const [iso, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

export async function listWebhookDeliveries(
  admin: { role: string },
  { status, cursor }: { status?: DeliveryStatus; cursor?: DeliveryCursor | null },
  now = new Date(),
): Promise<{ rows: DeliveryRow[]; next: DeliveryCursor | null }> {
  assertAdmin(admin);
  const rows = await db.webhookDelivery.findMany({
    where: {
      ...(status ? { status } : {}),
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: DELIVERIES_PAGE_SIZE + 1,
    select: {
      id: true,
      event: true,
      proposalId: true,
      url: true,
      status: true,
      attempts: true,
      lastStatusCode: true,
      lastError: true,
      nextAttemptAt: true,
      deliveredAt: true,
      createdAt: true,
      lockedUntil: true,
      agent: { select: { id: true, name: true } },
    },
  });
  const page = rows.slice(0, DELIVERIES_PAGE_SIZE);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      id: r.id,
      agent: r.agent,
      event: r.event,
      proposalId: r.proposalId,
      url: r.url,
      status: r.status,
      attempts: r.attempts,
      lastStatusCode: r.lastStatusCode,
      lastError: r.lastError,
      nextAttemptAt: r.nextAttemptAt.toISOString(),
      deliveredAt: r.deliveredAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      sending: r.status === "pending" && !!r.lockedUntil && r.lockedUntil > now,
    })),
    next: rows.length > DELIVERIES_PAGE_SIZE && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

/** How many deliveries are in each status, for the filter tabs. */
export async function countWebhookDeliveries(admin: { role: string }): Promise<Record<DeliveryStatus, number>> {
  assertAdmin(admin);
  const groups = await db.webhookDelivery.groupBy({ by: ["status"], _count: { _all: true } });
  const counts: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, failed: 0 };
  for (const g of groups) {
    const s = parseDeliveryStatus(g.status);
    if (s) counts[s] = g._count._all;
  }
  return counts;
}

export const retryDeliveryInput = z.object({ deliveryId: z.string().min(1).max(100) });

/**
 * Makes a pending or failed delivery due now; the next poll of any instance
 * sends it, to the agent's current callback URL. A failed row gets one more attempt (its attempt count is history,
 * not reset); a row being sent right now is left to its worker.
 */
export async function retryWebhookDelivery(admin: { role: string }, input: z.input<typeof retryDeliveryInput>, now = new Date()): Promise<{ id: string }> {
  assertAdmin(admin);
  const { deliveryId } = retryDeliveryInput.parse(input);
  const row = await db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    select: { status: true, agent: { select: { name: true, webhookSecret: true, callbackUrl: true } } },
  });
  if (!row) throw new AppError("not_found", "not_found", "No such delivery; it may have been removed. Reload the page.");
  if (row.status === "delivered") throw new AppError("conflict", "already_delivered", "This delivery already reached the receiver; there is nothing to retry.");
  if (!row.agent.webhookSecret || !row.agent.callbackUrl) {
    throw new AppError("conflict", "no_webhook", `Agent ${row.agent.name} has no webhook now. It must register one (PUT /api/v1/webhook) before events can be sent.`);
  }
  const updated = await db.webhookDelivery.updateMany({
    where: { id: deliveryId, status: { in: ["pending", "failed"] }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    // To where the agent listens now, which may have changed since the event was queued.
    data: { status: "pending", nextAttemptAt: now, url: row.agent.callbackUrl },
  });
  if (updated.count === 0) throw new AppError("conflict", "in_flight", "This delivery is being sent right now. Reload the page in a few seconds to see the result.");
  return { id: deliveryId };
}
