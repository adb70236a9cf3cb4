import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { newWebhookSecret, signStandardWebhook, signWebhook, toStandardSecret, verifyWebhookSignature } from "@/lib/webhooks/signature";

const secret = "whsec_test-secret";
const body = JSON.stringify({ id: "d1", type: "proposal.approved" });
const at = new Date("2026-11-25T12:00:00Z");

describe("webhook signatures", () => {
  it("signs t.body with HMAC-SHA256 in the t=,v1= format", () => {
    const header = signWebhook(secret, body, at);
    const t = at.getTime() / 1000;
    expect(header).toBe(`t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`);
  });

  it("verifies its own signature and refuses tampering, other secrets and stale timestamps", () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhookSignature(secret, header, body, { now: at })).toEqual({ ok: true, timestamp: at.getTime() / 1000 });
    expect(verifyWebhookSignature(secret, header, body + " ", { now: at }).ok).toBe(false);
    expect(verifyWebhookSignature("whsec_other", header, body, { now: at }).ok).toBe(false);
    const late = new Date(at.getTime() + 301_000);
    expect(verifyWebhookSignature(secret, header, body, { now: late })).toEqual({ ok: false, reason: "the timestamp is more than 300 s away from now" });
    expect(verifyWebhookSignature(secret, header, body, { now: late, toleranceSeconds: 600 }).ok).toBe(true);
  });

  it("refuses missing or malformed headers with a reason", () => {
    expect(verifyWebhookSignature(secret, null, body).ok).toBe(false);
    expect(verifyWebhookSignature(secret, "v1=abc", body, { now: at })).toMatchObject({ ok: false, reason: expect.stringContaining("timestamp") });
    expect(verifyWebhookSignature(secret, `t=${at.getTime() / 1000}`, body, { now: at })).toMatchObject({ ok: false, reason: expect.stringContaining("v1") });
    expect(verifyWebhookSignature(secret, `t=${at.getTime() / 1000},v1=zz`, body, { now: at }).ok).toBe(false);
  });

  it("accepts any of several v1 signatures (secret rotation on the sender's side)", () => {
    const good = signWebhook(secret, body, at).split("v1=")[1];
    const header = `t=${at.getTime() / 1000},v1=${"0".repeat(64)},v1=${good}`;
    expect(verifyWebhookSignature(secret, header, body, { now: at }).ok).toBe(true);
  });

  it("makes distinct, long secrets", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(newWebhookSecret()).not.toBe(a);
  });

  it("signs per Standard Webhooks: the standardwebhooks library verifies with the secret as issued", () => {
    const fresh = newWebhookSecret();
    const now = new Date();
    const headers = signStandardWebhook(fresh, "msg_1", body, now);
    expect(headers).toEqual({
      "webhook-id": "msg_1",
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}=$/),
    });
    expect(new Webhook(fresh).verify(body, headers)).toEqual(JSON.parse(body));
    // Another body, id or secret does not verify.
    expect(() => new Webhook(fresh).verify(body.replace("approved", "rejected"), headers)).toThrow("No matching signature");
    expect(() => new Webhook(fresh).verify(body, { ...headers, "webhook-id": "msg_2" })).toThrow("No matching signature");
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow("No matching signature");
  });

  it("keys a secret issued in base64url (before standard base64) with the same bytes as its standard form", () => {
    const old = "whsec_" + Buffer.alloc(32, 0xfb).toString("base64url"); // "-" and "_" only a base64url decoder reads
    expect(old).toMatch(/[-_]/);
    const headers = signStandardWebhook(old, "msg_1", body);
    expect(() => new Webhook(old)).toThrow();
    expect(new Webhook(toStandardSecret(old)).verify(body, headers)).toEqual(JSON.parse(body));
  });
});
