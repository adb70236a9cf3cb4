// Slack's request signing (v0): X-Slack-Signature is "v0=" + hex
// HMAC-SHA256, keyed with the app's signing secret, over
// "v0:<X-Slack-Request-Timestamp>:<raw body>". Checked over the exact bytes
// received, before anything is parsed; a timestamp more than five minutes
// away from now is refused, so a captured request cannot be replayed later.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SLACK_TOLERANCE_SECONDS = 300;

export type SlackSignatureCheck = { ok: true } | { ok: false; code: "slack_signature_missing" | "slack_timestamp_stale" | "slack_signature_invalid"; message: string };

export function slackSignature(secret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export function verifySlackSignature(
  secret: string,
  timestamp: string | null,
  signature: string | null,
  rawBody: string,
  now = new Date(),
): SlackSignatureCheck {
  if (!timestamp || !signature) return { ok: false, code: "slack_signature_missing", message: "The request is not signed by Slack." };
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isFinite(seconds) || Math.abs(now.getTime() / 1000 - seconds) > SLACK_TOLERANCE_SECONDS) {
    return { ok: false, code: "slack_timestamp_stale", message: "The request's timestamp is more than 5 minutes away from now (a replay?)." };
  }
  const expected = Buffer.from(slackSignature(secret, timestamp, rawBody), "utf8");
  const given = Buffer.from(signature, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, code: "slack_signature_invalid", message: "The request's Slack signature does not match." };
  }
  return { ok: true };
}
