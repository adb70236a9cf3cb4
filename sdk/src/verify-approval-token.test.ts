// The SDK's offline verifier is a copy of the server's; this runs both over the
// same tokens (valid and every kind of forgery) and requires the same verdict,
// so the copy cannot drift. Tests may import server code; the package never does.
import { describe, expect, it } from "vitest";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, base64url, type JWK } from "jose";
import { verifyApprovalToken as serverVerify } from "@/lib/approvals/verify-approval-token";
import { verifyApprovalToken, type VerifyApprovalTokenOptions } from "./verify-approval-token.js";
import { APPROVAL_TOKEN_AUDIENCE, APPROVAL_TOKEN_TYPE, type ApprovalTokenClaims } from "./approval-token-format.js";

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
const stranger = await newKey();
const jwks = { keys: [key.publicJwk] };

const claims = (o: Partial<ApprovalTokenClaims> = {}): ApprovalTokenClaims => ({
  iss: ISSUER, aud: APPROVAL_TOKEN_AUDIENCE, sub: "prop_1", jti: "j1", iat, nbf: iat, exp: iat + 300,
  proposal_id: "prop_1", digest: DIGEST, scopes: ["ap:commit"],
  actions: [{ tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_12" } }],
  deciders: [{ id: "u1", email: "dana@example.com", name: "Dana" }], agent: { id: "ag1", name: "ap-bot" }, queue: "ap", ...o,
});
const sign = (c: Record<string, unknown>, k = key, header: Record<string, unknown> = {}) =>
  new SignJWT(c).setProtectedHeader({ alg: "EdDSA", typ: APPROVAL_TOKEN_TYPE, kid: k.kid, ...header }).sign(k.privateKey);
const unsigned = (c: Record<string, unknown>) =>
  `${base64url.encode(JSON.stringify({ alg: "none", typ: APPROVAL_TOKEN_TYPE, kid: key.kid }))}.${base64url.encode(JSON.stringify(c))}.`;

const base: Omit<VerifyApprovalTokenOptions, "expected"> = { jwks, issuer: ISSUER, now: NOW };
const forAction = { action: { tool: "ap.release_payment", args: { payment_id: "pay_12" } } };

const cases: Array<[string, () => Promise<string>, Partial<VerifyApprovalTokenOptions>, string]> = [
  ["valid", () => sign(claims()), { expected: forAction }, "ok"],
  ["valid by digest", () => sign(claims()), { expected: { digest: DIGEST } }, "ok"],
  ["alg none", async () => unsigned(claims()), { expected: forAction }, "unsupported_algorithm"],
  ["signed by another key, same kid", () => sign(claims(), { ...stranger, kid: key.kid }), { expected: forAction }, "bad_signature"],
  ["unknown kid", () => sign(claims(), stranger), { expected: forAction }, "unknown_key"],
  ["wrong audience", () => sign(claims({ aud: "other" })), { expected: forAction }, "wrong_audience"],
  ["wrong type", () => sign(claims(), key, { typ: "JWT" }), { expected: forAction }, "wrong_type"],
  ["wrong issuer", () => sign(claims({ iss: "https://evil.example" })), { expected: forAction }, "wrong_issuer"],
  ["expired", () => sign(claims({ exp: iat - 60 })), { expected: forAction }, "expired"],
  ["not yet valid", () => sign(claims({ nbf: iat + 60 })), { expected: forAction }, "not_yet_valid"],
  ["missing claims", () => sign({ ...claims(), actions: "x" }), { expected: forAction }, "missing_claims"],
  ["other proposal", () => sign(claims()), { expected: { ...forAction, proposalId: "prop_2" } }, "proposal_mismatch"],
  ["digest differs", () => sign(claims()), { expected: { digest: DIGEST.replace(/b$/, "c") } }, "digest_mismatch"],
  ["another payment", () => sign(claims()), { expected: { action: { tool: "ap.release_payment", args: { payment_id: "pay_13" } } } }, "action_not_approved"],
  ["scope not approved", () => sign(claims()), { expected: { ...forAction, scopes: ["iam:commit"] } }, "scope_not_approved"],
  ["replayed", () => sign(claims()), { expected: forAction, seenApproval: () => true }, "replayed"],
  ["expected nothing", () => sign(claims()), { expected: {} as never }, "digest_mismatch"],
  ["malformed", async () => "not-a-token", { expected: forAction }, "malformed"],
];

describe("verifyApprovalToken (SDK copy)", () => {
  it.each(cases)("%s: same verdict as the server's verifier", async (_name, make, options, want) => {
    const token = await make();
    const opts = { ...base, ...options } as VerifyApprovalTokenOptions;
    const sdk = await verifyApprovalToken(token, opts);
    const server = await serverVerify(token, opts as never);
    expect(sdk.ok ? "ok" : sdk.code).toBe(want);
    expect(sdk).toEqual(server);
  });
});
