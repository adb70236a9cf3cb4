// Both signature schemes, signed by independent code: the Standard Webhooks
// reference library and the server's own Countersign-Signature signer.
import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { randomBytes } from "node:crypto";
import { signWebhook } from "@/lib/webhooks/signature";
import { verifyWebhook } from "./verify-webhook.js";

// Standard Webhooks secrets are "whsec_" + base64 of the key bytes (the server issues them so).
const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64")}`;
const secret = newWebhookSecret();
const body = JSON.stringify({ type: "proposal.approved", data: { id: "p_1" } });
const now = new Date("2026-12-01T10:00:00Z");

describe("verifyWebhook", () => {
  it("accepts a Standard Webhooks delivery signed by the reference library (Headers or a plain object)", () => {
    const headers = { "webhook-id": "msg_1", "webhook-timestamp": String(now.getTime() / 1000), "webhook-signature": new Webhook(secret).sign("msg_1", now, body) };
    expect(verifyWebhook({ secret, headers, body, now })).toMatchObject({ ok: true, scheme: "standard-webhooks", id: "msg_1", payload: { type: "proposal.approved" } });
    expect(verifyWebhook({ secret, headers: new Headers(headers), body: new TextEncoder().encode(body), now }).ok).toBe(true);
  });

  it("accepts the Countersign-Signature scheme", () => {
    const headers = { "Countersign-Signature": signWebhook(secret, body, now), "Countersign-Delivery": "d_1" };
    expect(verifyWebhook({ secret, headers, body, now })).toMatchObject({ ok: true, scheme: "countersign", id: "d_1" });
  });

  it("refuses a changed body, another secret, a stale or future timestamp, a missing header", () => {
    const sw = { "webhook-id": "msg_1", "webhook-timestamp": String(now.getTime() / 1000), "webhook-signature": new Webhook(secret).sign("msg_1", now, body) };
    const cs = { "countersign-signature": signWebhook(secret, body, now) };
    for (const headers of [sw, cs]) {
      expect(verifyWebhook({ secret, headers, body: body.replace("p_1", "p_2"), now }).ok).toBe(false);
      expect(verifyWebhook({ secret: newWebhookSecret(), headers, body, now }).ok).toBe(false);
      expect(verifyWebhook({ secret, headers, body, now: new Date(now.getTime() + 301_000) })).toMatchObject({ ok: false, reason: expect.stringContaining("300 s") });
      expect(verifyWebhook({ secret, headers, body, now: new Date(now.getTime() - 301_000) }).ok).toBe(false);
      expect(verifyWebhook({ secret, headers, body, now: new Date(now.getTime() + 299_000) }).ok).toBe(true);
    }
    // The id is signed: another delivery id with the same signature is refused.
    expect(verifyWebhook({ secret, headers: { ...sw, "webhook-id": "msg_2" }, body, now }).ok).toBe(false);
    expect(verifyWebhook({ secret, headers: {}, body, now })).toMatchObject({ ok: false, reason: expect.stringContaining("missing") });
  });

  it("reads a secret issued in base64url (before secrets were standard base64) as the same key bytes", () => {
    const bytes = randomBytes(32);
    const legacy = `whsec_${bytes.toString("base64url")}`;
    const headers = { "webhook-id": "msg_1", "webhook-timestamp": String(now.getTime() / 1000), "webhook-signature": new Webhook(`whsec_${bytes.toString("base64")}`).sign("msg_1", now, body) };
    expect(verifyWebhook({ secret: legacy, headers, body, now }).ok).toBe(true);
  });
});
