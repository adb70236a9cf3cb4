// The offline verifier against tokens made here with throwaway keys: the happy
// path and every way a token must be refused. No database, as a downstream tool.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { verifyApprovalToken, type VerifyApprovalTokenOptions } from "@/lib/approvals/verify-approval-token";
import { APPROVAL_TOKEN_AUDIENCE, APPROVAL_TOKEN_TYPE, type ApprovalTokenClaims } from "@/lib/approvals/approval-token-format";
import { ReplayCache } from "@/lib/approvals/replay-cache";

const ISSUER = "https://countersign.example";
const DIGEST = "a".repeat(63) + "b";
const NOW = new Date("2026-11-25T12:00:00Z");
const iat = Math.floor(NOW.getTime() / 1000);

async function newKey() {
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, "sha256");
  return { privateKey, kid, publicJwk: { ...jwk, kid, alg: "EdDSA", use: "sig" } as JWK };
}

const key = await newKey();
const jwks = { keys: [key.publicJwk] };

function claims(overrides: Partial<ApprovalTokenClaims> = {}): ApprovalTokenClaims {
  return {
    iss: ISSUER,
    aud: APPROVAL_TOKEN_AUDIENCE,
    sub: "prop_1",
    jti: crypto.randomUUID(),
    iat,
    nbf: iat,
    exp: iat + 300,
    proposal_id: "prop_1",
    digest: DIGEST,
    scopes: ["ap:read", "ap:commit"],
    actions: [{ tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_12", note: { lines: [1, 2] } } }],
    deciders: [{ id: "u1", email: "dana@example.com", name: "Dana" }],
    agent: { id: "ag1", name: "ap-bot" },
    queue: "accounts-payable",
    ...overrides,
  };
}

async function sign(payload: object, header: Record<string, unknown> = {}, signer = key): Promise<string> {
  return new SignJWT({ ...payload }).setProtectedHeader({ alg: "EdDSA", kid: signer.kid, typ: APPROVAL_TOKEN_TYPE, ...header } as never).sign(signer.privateKey);
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

function options(overrides: Partial<VerifyApprovalTokenOptions> = {}): VerifyApprovalTokenOptions {
  return { jwks, issuer: ISSUER, expected: { digest: DIGEST }, now: NOW, ...overrides };
}

describe("verifyApprovalToken", () => {
  it("accepts a valid token and returns its claims", async () => {
    const c = claims();
    const result = await verifyApprovalToken(await sign(c), options({ expected: { digest: DIGEST, proposalId: "prop_1", scopes: ["ap:commit"] } }));
    expect(result).toEqual({ ok: true, claims: c });
  });

  it("refuses alg none (an unsigned token with the right claims)", async () => {
    const unsigned = `${b64({ alg: "none", typ: APPROVAL_TOKEN_TYPE, kid: key.kid })}.${b64(claims())}.`;
    const result = await verifyApprovalToken(unsigned, options());
    expect(result).toMatchObject({ ok: false, code: "unsupported_algorithm" });
  });

  it("refuses another algorithm even with a valid-looking signature (HS256 keyed with the public key)", async () => {
    const secret = new TextEncoder().encode(JSON.stringify(key.publicJwk));
    const hs = await new SignJWT({ ...claims() }).setProtectedHeader({ alg: "HS256", kid: key.kid, typ: APPROVAL_TOKEN_TYPE }).sign(secret);
    expect(await verifyApprovalToken(hs, options())).toMatchObject({ ok: false, code: "unsupported_algorithm" });
  });

  it("refuses a wrong audience", async () => {
    const result = await verifyApprovalToken(await sign(claims({ aud: "countersign:agent" })), options());
    expect(result).toMatchObject({ ok: false, code: "wrong_audience" });
  });

  it("refuses an expired token", async () => {
    const token = await sign(claims());
    expect(await verifyApprovalToken(token, options({ now: new Date(NOW.getTime() + 301_000 + 5_000) }))).toMatchObject({ ok: false, code: "expired" });
    // ...but not while it is still within its lifetime.
    expect(await verifyApprovalToken(token, options({ now: new Date(NOW.getTime() + 299_000) }))).toMatchObject({ ok: true });
  });

  it("refuses a token that is not valid yet", async () => {
    const result = await verifyApprovalToken(await sign(claims({ nbf: iat + 600 })), options());
    expect(result).toMatchObject({ ok: false, code: "not_yet_valid" });
  });

  it("refuses when the digest to execute differs by one byte", async () => {
    const token = await sign(claims());
    const oneOff = DIGEST.slice(0, -1) + "c";
    expect(await verifyApprovalToken(token, options({ expected: { digest: oneOff } }))).toMatchObject({ ok: false, code: "digest_mismatch" });
  });

  it("refuses a token whose signed digest was altered (signature no longer matches)", async () => {
    const token = await sign(claims());
    const [h, , s] = token.split(".");
    const tampered = `${h}.${b64(claims({ digest: DIGEST.slice(0, -1) + "c" }))}.${s}`;
    expect(await verifyApprovalToken(tampered, options({ expected: { digest: DIGEST.slice(0, -1) + "c" } }))).toMatchObject({ ok: false, code: "bad_signature" });
  });

  it("refuses an unknown key id (signed by another key)", async () => {
    const other = await newKey();
    const result = await verifyApprovalToken(await sign(claims(), {}, other), options());
    expect(result).toMatchObject({ ok: false, code: "unknown_key" });
  });

  it("refuses another key claiming a known key id", async () => {
    const other = await newKey();
    const forged = await sign(claims(), {}, { ...other, kid: key.kid });
    expect(await verifyApprovalToken(forged, options())).toMatchObject({ ok: false, code: "bad_signature" });
  });

  it("refuses a token without a key id", async () => {
    const token = await new SignJWT({ ...claims() }).setProtectedHeader({ alg: "EdDSA", typ: APPROVAL_TOKEN_TYPE }).sign(key.privateKey);
    expect(await verifyApprovalToken(token, options())).toMatchObject({ ok: false, code: "unknown_key" });
  });

  it("refuses a replayed token (seenJti)", async () => {
    const cache = new ReplayCache();
    const token = await sign(claims());
    expect(await verifyApprovalToken(token, options({ seenJti: cache.checkAndAdd }))).toMatchObject({ ok: true });
    expect(await verifyApprovalToken(token, options({ seenJti: cache.checkAndAdd }))).toMatchObject({ ok: false, code: "replayed" });
  });

  it("does not spend the jti of a token refused for another reason", async () => {
    const seen: string[] = [];
    const token = await sign(claims());
    await verifyApprovalToken(token, options({ expected: { digest: "0".repeat(64) }, seenJti: (jti) => (seen.push(jti), false) }));
    expect(seen).toEqual([]);
  });

  it("refuses another JWS signed with the same key (wrong typ)", async () => {
    const checkpoint = await sign(claims(), { typ: "JWT" });
    expect(await verifyApprovalToken(checkpoint, options())).toMatchObject({ ok: false, code: "wrong_type" });
  });

  it("checks the action to perform against the approved commit steps, whatever the digest", async () => {
    const token = await sign(claims());
    const act = (tool: string, args: Record<string, unknown>) => options({ expected: { action: { tool, args } } });
    expect(await verifyApprovalToken(token, act("ap.release_payment", { payment_id: "pay_12" }))).toMatchObject({ ok: true });
    // Every expected argument must be equal as JSON (key order ignored); the approved step may carry more.
    expect(await verifyApprovalToken(token, act("ap.release_payment", { payment_id: "pay_12", note: { lines: [1, 2] } }))).toMatchObject({ ok: true });
    const other = await verifyApprovalToken(token, act("ap.release_payment", { payment_id: "pay_99" }));
    expect(other).toMatchObject({ ok: false, code: "action_not_approved" });
    expect((other as { message: string }).message).toMatch(/pay_99.*approved commit steps are: ap\.release_payment \{"payment_id":"pay_12"/);
    expect(await verifyApprovalToken(token, act("ap.release_payment", { payment_id: "pay_12", note: { lines: [2, 1] } }))).toMatchObject({ ok: false, code: "action_not_approved" });
    expect(await verifyApprovalToken(token, act("ap.delete_vendor", { payment_id: "pay_12" }))).toMatchObject({ ok: false, code: "action_not_approved" });
    // Both given: both must hold.
    expect(await verifyApprovalToken(token, options({ expected: { digest: "0".repeat(64), action: { tool: "ap.release_payment" } } }))).toMatchObject({ ok: false, code: "digest_mismatch" });
    // Neither given: refused, never "anything goes".
    expect(await verifyApprovalToken(token, options({ expected: {} as never }))).toMatchObject({ ok: false, code: "digest_mismatch" });
    // A token without the actions claim cannot bind an action.
    const { actions: _actions, ...noActions } = claims();
    expect(await verifyApprovalToken(await sign(noActions), act("ap.release_payment", { payment_id: "pay_12" }))).toMatchObject({ ok: false, code: "missing_claims" });
  });

  it("refuses a second token of the same approval (seenApproval keyed by proposal)", async () => {
    const cache = new ReplayCache();
    const seenApproval = (c: ApprovalTokenClaims) => cache.checkAndAdd(c.proposal_id);
    expect(await verifyApprovalToken(await sign(claims()), options({ seenApproval }))).toMatchObject({ ok: true });
    // Another token (new jti) for the same proposal: refused.
    const second = await verifyApprovalToken(await sign(claims()), options({ seenApproval }));
    expect(second).toMatchObject({ ok: false, code: "replayed" });
    expect(await verifyApprovalToken(await sign(claims({ proposal_id: "prop_2", sub: "prop_2" })), options({ seenApproval }))).toMatchObject({ ok: true });
  });

  it("refuses a wrong issuer, missing claims, another proposal, and unapproved scopes", async () => {
    expect(await verifyApprovalToken(await sign(claims({ iss: "https://evil.example" })), options())).toMatchObject({ ok: false, code: "wrong_issuer" });
    const { digest: _digest, ...noDigest } = claims();
    expect(await verifyApprovalToken(await sign(noDigest), options())).toMatchObject({ ok: false, code: "missing_claims" });
    const { jti: _jti, ...noJti } = claims();
    expect(await verifyApprovalToken(await sign(noJti), options())).toMatchObject({ ok: false, code: "missing_claims" });
    expect(await verifyApprovalToken(await sign(claims()), options({ expected: { digest: DIGEST, proposalId: "prop_2" } }))).toMatchObject({ ok: false, code: "proposal_mismatch" });
    expect(await verifyApprovalToken(await sign(claims()), options({ expected: { digest: DIGEST, scopes: ["iam:commit"] } }))).toMatchObject({ ok: false, code: "scope_not_approved" });
  });

  it("lets a tool pin the queue: a token approved in another queue is refused as queue_mismatch", async () => {
    const pinned = (queue: string) => options({ expected: { action: { tool: "ap.release_payment", args: { payment_id: "pay_12" } }, queue } });
    expect(await verifyApprovalToken(await sign(claims()), pinned("accounts-payable"))).toMatchObject({ ok: true });
    // The same payment, approved by the people of a queue the agent picked.
    const elsewhere = await verifyApprovalToken(await sign(claims({ queue: "crm-updates" })), pinned("accounts-payable"));
    expect(elsewhere).toEqual({
      ok: false,
      code: "queue_mismatch",
      message: "This token was approved in queue crm-updates; this tool accepts approvals only from queue accounts-payable.",
    });
    // Checked before replay protection: a refused token does not spend the approval.
    const seen: string[] = [];
    await verifyApprovalToken(await sign(claims({ queue: "crm-updates" })), { ...pinned("accounts-payable"), seenApproval: (c) => (seen.push(c.proposal_id), false) });
    expect(seen).toEqual([]);
    // Without a pin, the queue is not checked (but is always in the claims).
    expect(await verifyApprovalToken(await sign(claims({ queue: "crm-updates" })), options())).toMatchObject({ ok: true, claims: { queue: "crm-updates" } });
    const { queue: _queue, ...noQueue } = claims();
    expect(await verifyApprovalToken(await sign(noQueue), options())).toMatchObject({ ok: false, code: "missing_claims" });
  });

  it("refuses garbage without throwing", async () => {
    expect(await verifyApprovalToken("not-a-token", options())).toMatchObject({ ok: false, code: "malformed" });
    expect(await verifyApprovalToken("a.b.c", options())).toMatchObject({ ok: false, code: "malformed" });
  });
});

describe("verifyApprovalToken with the JWKS fetched from a URL", () => {
  it("fetches the keys over HTTP, and reports keys_unavailable when they cannot be fetched", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    try {
      expect(await verifyApprovalToken(await sign(claims()), options({ jwks: url }))).toMatchObject({ ok: true });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const unreachable = await verifyApprovalToken(await sign(claims()), options({ jwks: "http://127.0.0.1:9/.well-known/jwks.json" }));
    expect(unreachable).toMatchObject({ ok: false, code: "keys_unavailable" });
  });
});

describe("ReplayCache", () => {
  it("forgets ids after the retention period", () => {
    let now = 0;
    const cache = new ReplayCache(1000, () => now);
    expect(cache.checkAndAdd("a")).toBe(false);
    expect(cache.checkAndAdd("a")).toBe(true);
    now = 1001;
    expect(cache.checkAndAdd("a")).toBe(false);
  });
});
