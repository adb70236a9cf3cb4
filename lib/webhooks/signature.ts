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

/** A fresh signing secret: 32 random bytes, shown to the agent once. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
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
