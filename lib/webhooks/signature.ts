// Webhook signatures, Stripe-style: the sender signs "<unix seconds>.<body>"
// with HMAC-SHA256 under the agent's secret and sends
//   Countersign-Signature: t=<unix seconds>,v1=<hex digest>
// Signing the timestamp with the body lets a receiver refuse replays of an old
// delivery; the receiver verifies with verifyWebhookSignature below.
// No "server-only": receivers (and tests acting as receivers) import this too.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Countersign-Signature";
export const DELIVERY_HEADER = "Countersign-Delivery";
export const EVENT_HEADER = "Countersign-Event";

// The same delivery is also signed per the Standard Webhooks specification
// (standardwebhooks.com), so receivers can verify with its libraries in any
// language: HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>", keyed
// with the bytes the secret's base64 part decodes to, sent base64 as
// "webhook-signature: v1,<base64>".
export const STANDARD_ID_HEADER = "webhook-id";
export const STANDARD_TIMESTAMP_HEADER = "webhook-timestamp";
export const STANDARD_SIGNATURE_HEADER = "webhook-signature";
const SECRET_PREFIX = "whsec_";

/**
 * A fresh signing secret: 32 random bytes, shown to the agent once, in the
 * Standard Webhooks form "whsec_<base64>" (standard alphabet with padding, as
 * the reference libraries decode it).
 */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

/**
 * The HMAC key of the Standard Webhooks signature: the secret without its
 * "whsec_" prefix, base64-decoded. Node's decoder reads both alphabets, so
 * secrets issued before (base64url, no padding) give the same bytes a receiver
 * gets after rewriting them to standard base64.
 */
export function standardWebhookKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(encoded, "base64");
}

/** The three Standard Webhooks headers for a delivery `id` of `body` sent at `now`. */
export function signStandardWebhook(secret: string, id: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  const signature = createHmac("sha256", standardWebhookKey(secret)).update(`${id}.${timestamp}.${body}`, "utf8").digest("base64");
  return {
    [STANDARD_ID_HEADER]: id,
    [STANDARD_TIMESTAMP_HEADER]: String(timestamp),
    [STANDARD_SIGNATURE_HEADER]: `v1,${signature}`,
  };
}

/**
 * A secret issued before secrets were standard base64 (it may hold "-" or
 * "_"), rewritten to the form the standardwebhooks libraries accept. The
 * bytes, and so every signature, stay the same.
 */
export function toStandardSecret(secret: string): string {
  return `${SECRET_PREFIX}${standardWebhookKey(secret).toString("base64")}`;
}

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

/** The Countersign-Signature header value for `body` sent at `now`. */
export function signWebhook(secret: string, body: string, now = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: string };

/**
 * Checks a Countersign-Signature header against the raw request body (the
 * exact bytes received, before any JSON parsing) and the agent's secret.
 * Refuses a timestamp more than `toleranceSeconds` away from `now` (replays).
 * Any `v1=` entry may match, so a sender may list several signatures.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  { toleranceSeconds = 300, now = new Date() }: { toleranceSeconds?: number; now?: Date } = {},
): VerifyResult {
  if (!header) return { ok: false, reason: `missing ${SIGNATURE_HEADER} header` };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d+$/.test(value)) timestamp = Number(value);
    if (key === "v1" && value) signatures.push(value);
  }
  if (timestamp === undefined) return { ok: false, reason: "the signature header has no timestamp (t=)" };
  if (signatures.length === 0) return { ok: false, reason: "the signature header has no v1 signature" };
  if (Math.abs(Math.floor(now.getTime() / 1000) - timestamp) > toleranceSeconds) {
    return { ok: false, reason: `the timestamp is more than ${toleranceSeconds} s away from now` };
  }
  const expected = Buffer.from(hmacHex(secret, timestamp, body), "hex");
  // Constant-time comparison, so response timing leaks nothing about the expected digest.
  const matches = signatures.some((candidate) => {
    const given = /^[0-9a-f]+$/i.test(candidate) ? Buffer.from(candidate, "hex") : Buffer.alloc(0);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true, timestamp } : { ok: false, reason: "no signature matches the body" };
}
