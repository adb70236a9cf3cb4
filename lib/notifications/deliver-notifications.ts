import "server-only";
// The read side of the notification outbox, run by every app instance's
// notification worker. Leases, the retry schedule and the HTTP send are the
// webhook outbox's (lib/webhooks/deliver.ts): chat posts go through the same
// SSRF checks (before sending, and at the connection through the guarded
// undici dispatcher), so a queue's chat URL cannot reach the server's network.
// Mail goes to the SMTP server the operator configured.
import { fetch as undiciFetch } from "undici";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { post, refuseTarget, DELIVERY_TIMEOUT_MS, type WebhookFetch } from "@/lib/webhooks/deliver";
import { claimDue, recordOutcome, type DeliverSummary, type Outcome } from "@/lib/webhooks/outbox";
import { guardedDispatcher, lookupAll, type LookupAll } from "@/lib/webhooks/guarded-dispatcher";
import { mailTransport } from "@/lib/notifications/mail-transport";

export type DeliverNotificationOptions = {
  now?: Date;
  limit?: number;
  /** Only these rows (an interaction's message update is sent at once). */
  ids?: string[];
  fetchImpl?: WebhookFetch;
  lookupImpl?: LookupAll;
  allowPrivate?: boolean;
  maxAttempts?: number;
  timeoutMs?: number;
};

export type { DeliverSummary };


async function sendMail(to: string, subject: string, body: string): Promise<Outcome> {
  try {
    const { text, html } = JSON.parse(body) as { text: string; html: string };
    const info = await mailTransport().sendMail({ from: env().MAIL_FROM, to, subject, text, html });
    if (info.rejected.length > 0) return { ok: false, statusCode: null, error: `The mail server refused ${to}` };
    return { ok: true, statusCode: 250 };
  } catch (error) {
    const err = error as Error & { responseCode?: number };
    return { ok: false, statusCode: err.responseCode ?? null, error: `Mail not sent: ${err.message}` };
  }
}

/** Sends due notifications once (up to `limit`), records each outcome and schedules retries. */
export async function deliverDueNotifications(options: DeliverNotificationOptions = {}): Promise<DeliverSummary> {
  const now = options.now ?? new Date();
  const allowPrivate = options.allowPrivate ?? env().WEBHOOK_ALLOW_PRIVATE_URLS;
  const lookup = options.lookupImpl ?? lookupAll;
  const fetchImpl = options.fetchImpl ?? (undiciFetch as unknown as WebhookFetch);
  const maxAttempts = options.maxAttempts ?? env().WEBHOOK_MAX_ATTEMPTS;
  const claimed = await claimDue(db.notificationDelivery, now, options.limit ?? 50, options.ids ? { id: { in: options.ids } } : {});
  const summary: DeliverSummary = { claimed: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  if (claimed.length === 0) return summary;
  const leases = new Map(claimed.map((c) => [c.id, c.lease]));
  const rows = await db.notificationDelivery.findMany({
    where: { id: { in: claimed.map((c) => c.id) } },
    select: { id: true, channel: true, target: true, subject: true, body: true, attempts: true },
  });
  const dispatcher = guardedDispatcher({ lookup, allowPrivate });
  await Promise.all(
    rows.map(async (row) => {
      let outcome: Outcome;
      if (row.channel === "email") outcome = await sendMail(row.target, row.subject ?? "Countersign", row.body);
      else {
        const refusal = allowPrivate ? null : await refuseTarget(row.target, lookup);
        outcome =
          refusal ??
          (await post(row.target, row.body, { "content-type": "application/json", "user-agent": "Countersign-Notifications/1" }, fetchImpl, dispatcher, options.timeoutMs ?? DELIVERY_TIMEOUT_MS));
      }
      await recordOutcome(db.notificationDelivery, row, leases.get(row.id), outcome, { now, maxAttempts, summary });
    }),
  ).finally(() => dispatcher.close().catch(() => {}));
  return summary;
}
