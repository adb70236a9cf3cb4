import "server-only";
// The read side of the webhook outbox: every app instance runs this every
// WEBHOOK_POLL_SECONDS. A row is sent only by the worker that holds its lease
// (lockedUntil), taken with a guarded update, so two instances never send the
// same row at once; a worker that dies mid-send leaves a lease that simply
// runs out, and the next worker picks the row up again. Delivery is therefore
// at least once: receivers drop duplicates by the Countersign-Delivery id.
//
// Before every send the callback's host name is resolved and the delivery is
// refused (marked failed, nothing sent) when any address it resolves to is
// private, loopback, link-local or cloud metadata: the check at registration
// cannot see a name that resolves to 10.0.0.5 today, or that an attacker
// re-points at 127.0.0.1 later. That check alone would leave a gap (DNS can
// answer differently to the check and to the connection: rebinding), so the
// request itself goes through a dispatcher whose connection lookup checks
// every address again and connects only to checked ones
// (lib/webhooks/guarded-dispatcher.ts).
//
// Each delivery carries two signatures over the same body: Countersign's own
// (Countersign-Signature) and the Standard Webhooks headers (webhook-id,
// webhook-timestamp, webhook-signature), see lib/webhooks/signature.ts.
import { fetch as undiciFetch, type Dispatcher } from "undici";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { claimDue, recordOutcome, type Claimed, type DeliverSummary, type Outcome } from "@/lib/webhooks/outbox";
import { privateTargetMessage } from "@/lib/webhooks/callback-url";
import { firstPrivateAddress, privateHostKind } from "@/lib/webhooks/private-address";
import { guardedDispatcher, lookupAll, PRIVATE_TARGET_CODE, type LookupAll } from "@/lib/webhooks/guarded-dispatcher";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signStandardWebhook, signWebhook } from "@/lib/webhooks/signature";

export type { LookupAll };
/** A fetch that takes undici's `dispatcher` option (undici's own; tests pass fakes). */
export type WebhookFetch = (url: string, init: RequestInit & { dispatcher?: Dispatcher }) => Promise<Response>;

export const DELIVERY_TIMEOUT_MS = 10_000;

export type DeliverOptions = {
  now?: Date;
  /** Rows claimed per call. */
  limit?: number;
  fetchImpl?: WebhookFetch;
  maxAttempts?: number;
  timeoutMs?: number;
  /** Only this agent's deliveries (tests share one database; admins may target one agent). */
  agentId?: string;
  /** Send to private and internal addresses too (default: WEBHOOK_ALLOW_PRIVATE_URLS). */
  allowPrivate?: boolean;
  /** Resolves a host name to every address it has, for the check and the connection (default: node:dns/promises lookup). */
  lookupImpl?: LookupAll;
};

export type { DeliverSummary, Outcome };

/** Takes the lease on up to `limit` due webhook deliveries (lib/webhooks/outbox.ts). */
export function claimDueDeliveries(now: Date, limit: number, agentId?: string): Promise<Claimed[]> {
  return claimDue(db.webhookDelivery, now, limit, agentId ? { agentId } : {});
}


/**
 * Null when the callback may be sent to; otherwise why not, as an outcome.
 * Every address the name resolves to must be public: the HTTP client may
 * connect to any of them.
 */
export async function refuseTarget(url: string, lookup: LookupAll): Promise<Outcome | null> {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return { ok: false, statusCode: null, error: "The callback URL is not a valid URL; nothing was sent.", final: true };
  }
  const refused = (kind: string, address?: string): Outcome => ({
    ok: false,
    statusCode: null,
    error: `Not sent: the callback URL ${privateTargetMessage(hostname, kind, address)}.`,
    final: true,
  });
  const byName = privateHostKind(hostname);
  if (byName) return refused(byName);
  let addresses: { address: string }[];
  try {
    addresses = await lookup(hostname);
  } catch (error) {
    // Most likely temporary (or the name was removed): retried on the usual schedule, and nothing is sent unchecked.
    const code = (error as { code?: string }).code ?? (error as Error).message;
    return { ok: false, statusCode: null, error: `Could not resolve ${hostname} (${code}); nothing was sent.` };
  }
  if (addresses.length === 0) return { ok: false, statusCode: null, error: `Could not resolve ${hostname} (no addresses); nothing was sent.` };
  const refusedAddress = firstPrivateAddress(addresses);
  return refusedAddress ? refused(refusedAddress.kind, refusedAddress.address) : null;
}

export async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  fetchImpl: WebhookFetch,
  dispatcher: Dispatcher,
  timeoutMs: number,
): Promise<Outcome> {
  try {
    const response = await fetchImpl(url, {
      method: "POST",
      body,
      headers,
      dispatcher,
      // A redirect is not a delivery: following it could send the signed body somewhere the agent never registered.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel().catch(() => {});
      return { ok: true, statusCode: response.status };
    }
    const snippet = (await readSnippet(response)).trim().slice(0, 200);
    return { ok: false, statusCode: response.status, error: `The receiver answered HTTP ${response.status}${snippet ? `: ${snippet}` : ""}` };
  } catch (error) {
    const err = error as Error & { cause?: { message?: string; code?: string } };
    if (err.name === "TimeoutError" || err.name === "AbortError") {
      const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
      return { ok: false, statusCode: null, error: `No response within ${limit}` };
    }
    if (err.cause?.code === PRIVATE_TARGET_CODE) {
      // The name resolved to a private address at connection time (it passed the check just before: rebinding).
      return { ok: false, statusCode: null, error: `Not sent: the callback URL ${err.cause.message}.`, final: true };
    }
    const cause = err.cause?.code ?? err.cause?.message;
    return { ok: false, statusCode: null, error: `Could not reach the receiver: ${err.message}${cause ? ` (${cause})` : ""}` };
  }
}

/** The start of a response body, for the log; never reads more than a few KiB of what a receiver sends. */
async function readSnippet(response: Response, maxBytes = 4096): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body that breaks off mid-way still leaves what arrived.
  } finally {
    await reader.cancel().catch(() => {});
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks).subarray(0, maxBytes));
}

/** Sends every due delivery once (up to `limit`), records each outcome and schedules retries. */
export async function deliverDueWebhooks(options: DeliverOptions = {}): Promise<DeliverSummary> {
  const now = options.now ?? new Date();
  const fetchImpl = options.fetchImpl ?? (undiciFetch as unknown as WebhookFetch);
  const maxAttempts = options.maxAttempts ?? env().WEBHOOK_MAX_ATTEMPTS;
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const allowPrivate = options.allowPrivate ?? env().WEBHOOK_ALLOW_PRIVATE_URLS;
  const lookup = options.lookupImpl ?? lookupAll;
  const claimed = await claimDueDeliveries(now, options.limit ?? 50, options.agentId);
  const summary: DeliverSummary = { claimed: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  if (claimed.length === 0) return summary;

  const rows = await db.webhookDelivery.findMany({
    where: { id: { in: claimed.map((c) => c.id) } },
    select: { id: true, event: true, url: true, body: true, attempts: true, agent: { select: { webhookSecret: true } } },
  });
  const leases = new Map(claimed.map((c) => [c.id, c.lease]));
  const dispatcher = guardedDispatcher({ lookup, allowPrivate });

  await Promise.all(
    rows.map(async (row) => {
      const secret = row.agent.webhookSecret;
      // Checked on every attempt, just before sending: what the name resolves to may have changed since registration.
      const refusal = secret && !allowPrivate ? await refuseTarget(row.url, lookup) : null;
      let outcome: Outcome;
      if (!secret) outcome = { ok: false, statusCode: null, error: "The agent removed its webhook, so there is no secret to sign with.", final: true };
      else if (refusal) outcome = refusal;
      else {
        const headers = {
          "content-type": "application/json",
          "user-agent": "Countersign-Webhooks/1",
          [SIGNATURE_HEADER]: signWebhook(secret, row.body, now),
          [DELIVERY_HEADER]: row.id,
          [EVENT_HEADER]: row.event,
          // The delivery id again as webhook-id: the same on every retry, as the specification asks.
          ...signStandardWebhook(secret, row.id, row.body, now),
        };
        outcome = await post(row.url, row.body, headers, fetchImpl, dispatcher, timeoutMs);
      }
      await recordOutcome(db.webhookDelivery, row, leases.get(row.id), outcome, { now, maxAttempts, summary });
    }),
  ).finally(() => dispatcher.close().catch(() => {}));
  return summary;
}

/**
 * Rounds of deliverDueWebhooks until a round finds fewer due rows than it may
 * claim, so a burst (a batch of 500 decisions) goes out in one poll rather
 * than 50 per poll. Rows that fail are rescheduled, so the rounds end.
 */
export async function deliverAllDueWebhooks(options: Omit<DeliverOptions, "now"> = {}): Promise<DeliverSummary> {
  const limit = options.limit ?? 50;
  const total: DeliverSummary = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
  for (;;) {
    const round = await deliverDueWebhooks({ ...options, limit });
    total.claimed += round.claimed;
    total.delivered += round.delivered;
    total.retrying += round.retrying;
    total.failed += round.failed;
    if (round.claimed < limit) return total;
  }
}
