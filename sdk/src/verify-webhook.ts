// Verifies a Countersign webhook delivery in either of its two signature schemes:
// - `Countersign-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (the original one);
// - Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of
//   "<id>.<timestamp>.<body>">`, keyed with the secret's bytes after `whsec_` (base64).
// Both refuse timestamps more than `toleranceSeconds` (default 5 minutes) away
// from now, so an old delivery cannot be replayed; comparisons are constant-time.
// Pass the RAW body (the exact bytes received), never re-serialised JSON.
import { createHmac, timingSafeEqual } from "node:crypto";

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export type VerifyWebhookOptions = {
  /** The agent's webhook secret (`whsec_…`), shown once when the webhook was registered. */
  secret: string;
  headers: WebhookHeaders;
  /** The raw request body. */
  body: string | Uint8Array;
  /** Default 300. */
  toleranceSeconds?: number;
  now?: Date;
};

export type VerifiedWebhook = {
  ok: true;
  scheme: "countersign" | "standard-webhooks";
  /** Unix seconds the delivery was signed at. */
  timestamp: number;
  /** The delivery's id (`webhook-id`, or `Countersign-Delivery` when present). */
  id: string | null;
  /** The parsed JSON body. */
  payload: unknown;
};

export type WebhookVerification = VerifiedWebhook | { ok: false; reason: string };

export function verifyWebhook(options: VerifyWebhookOptions): WebhookVerification {
  const header = (name: string) => readHeader(options.headers, name);
  const body = typeof options.body === "string" ? options.body : Buffer.from(options.body).toString("utf8");
  const tolerance = options.toleranceSeconds ?? 300;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (!options.secret) return { ok: false, reason: "no webhook secret given" };

  const standard = header("webhook-signature");
  const legacy = header("countersign-signature");
  let result: { ok: true; timestamp: number; scheme: VerifiedWebhook["scheme"]; id: string | null } | { ok: false; reason: string };
  if (standard !== null) result = verifyStandard(options.secret, header("webhook-id"), header("webhook-timestamp"), standard, body, nowSeconds, tolerance);
  else if (legacy !== null) result = verifyLegacy(options.secret, legacy, body, nowSeconds, tolerance, header("countersign-delivery"));
  else return { ok: false, reason: "missing signature header (webhook-signature or Countersign-Signature)" };
  if (!result.ok) return result;
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return { ok: false, reason: "the body is not JSON" };
  }
  return { ...result, payload };
}

function verifyLegacy(secret: string, header: string, body: string, now: number, tolerance: number, delivery: string | null) {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d+$/.test(value)) timestamp = Number(value);
    if (key === "v1" && value) signatures.push(value);
  }
  if (timestamp === undefined) return fail("the signature header has no timestamp (t=)");
  if (signatures.length === 0) return fail("the signature header has no v1 signature");
  if (Math.abs(now - timestamp) > tolerance) return fail(`the timestamp is more than ${tolerance} s away from now`);
  const expected = createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest();
  const matches = signatures.some((s) => /^[0-9a-f]+$/i.test(s) && same(Buffer.from(s, "hex"), expected));
  return matches ? { ok: true as const, timestamp, scheme: "countersign" as const, id: delivery } : fail("no signature matches the body");
}

function verifyStandard(secret: string, id: string | null, timestampHeader: string | null, header: string, body: string, now: number, tolerance: number) {
  if (!id) return fail("missing webhook-id header");
  if (!timestampHeader || !/^\d+$/.test(timestampHeader)) return fail("missing or unreadable webhook-timestamp header");
  const timestamp = Number(timestampHeader);
  if (Math.abs(now - timestamp) > tolerance) return fail(`the timestamp is more than ${tolerance} s away from now`);
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
  if (key.length === 0) return fail("the webhook secret is empty");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`, "utf8").digest();
  // Space-separated "v1,<base64>" entries; other versions are ignored, as the specification says.
  const matches = header
    .split(" ")
    .map((entry) => entry.split(",", 2))
    .some(([version, signature]) => version === "v1" && signature !== undefined && same(Buffer.from(signature, "base64"), expected));
  return matches ? { ok: true as const, timestamp, scheme: "standard-webhooks" as const, id } : fail("no signature matches the body");
}

function same(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function fail(reason: string) {
  return { ok: false as const, reason };
}

function readHeader(headers: WebhookHeaders, name: string): string | null {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}
