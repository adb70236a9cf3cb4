// Approval tokens end to end on a real database: issued on the agent's GET only
// while approved, checked offline against the server's JWKS, checked and spent
// online, and refused for every negative case (alg none, wrong audience,
// expired, a one-byte digest difference, an unknown key id, replay, revocation).
// Single use is per approved proposal: a second token of a redeemed approval is
// refused, and no new one is issued.
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // The example payment tool is served only with EXAMPLES=true.
  process.env.EXAMPLES = "true";
});
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from "jose";
import { db } from "@/lib/db/client";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { approveWithEdits } from "@/lib/proposals/approve-with-edits";
import { revokeApproval } from "@/lib/containment/revoke-approval";
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { publicJwks } from "@/lib/signing/signing-key";
import { verifyApprovalToken } from "@/lib/approvals/verify-approval-token";
import { issueApprovalToken } from "@/lib/approvals/issue-approval-token";
import { APPROVAL_TOKEN_AUDIENCE, APPROVAL_TOKEN_TYPE } from "@/lib/approvals/approval-token-format";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import { createTestTool } from "@/test-support/tools";
import { POST as verifyOnline } from "@/app/api/v1/approval-tokens/verify/route";
import { POST as releasePayment } from "@/app/api/examples/release-payment/route";

const ISSUER = "http://countersign.test"; // PUBLIC_URL in the test projects

async function approvedProposal() {
  const world = await createTestWorld();
  const posted = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
  expect(posted.status).toBe(201);
  const approver = await createTestUser("approver", "Dana Approver");
  const decided = await decideProposals(approver, { ids: [posted.body.id], outcome: "approved" });
  expect(decided.decided).toHaveLength(1);
  return { world, approver, id: posted.body.id as string, digest: posted.body.digest as string };
}

async function fetchToken(apiKey: string, id: string): Promise<string> {
  const res = await getProposal(apiKey, id);
  expect(res.status).toBe(200);
  expect(typeof res.body.approval_token).toBe("string");
  return res.body.approval_token as string;
}

// The tool that redeems online: a registered one, as only tools may (lib/tools).
let erpPayments: Promise<Awaited<ReturnType<typeof createTestTool>>> | undefined;
async function toolKey(): Promise<string> {
  erpPayments ??= createTestTool();
  return (await erpPayments).key;
}

async function online(body: Record<string, unknown>, key: string | null | Promise<string> = toolKey()) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const bearer = await key;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const response = await verifyOnline(new Request("http://countersign.test/api/v1/approval-tokens/verify", { method: "POST", headers, body: JSON.stringify(body) }));
  return { status: response.status, body: await response.json() };
}

async function release(token: string | null, body: Record<string, unknown>, header: "countersign-approval" | "authorization" = "countersign-approval") {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers[header] = header === "authorization" ? `Bearer ${token}` : token;
  const response = await releasePayment(
    new Request("http://countersign.test/api/examples/release-payment", { method: "POST", headers, body: JSON.stringify(body) }),
  );
  return { status: response.status, body: await response.json() };
}

/** Signs approval-token claims with a key that is NOT the server's. */
async function signWithStrangerKey(claims: Record<string, unknown>) {
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const kid = await calculateJwkThumbprint(await exportJWK(publicKey), "sha256");
  return new SignJWT(claims).setProtectedHeader({ alg: "EdDSA", kid, typ: APPROVAL_TOKEN_TYPE }).sign(privateKey);
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("approval token issuance (agent GET)", () => {
  it("is absent while pending, present once approved, bound to the approved digest, deciders, scopes and agent", async () => {
    const world = await createTestWorld();
    const posted = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
    const pending = await getProposal(world.apiKey, posted.body.id);
    expect(pending.body.status).toBe("pending");
    expect(pending.body).not.toHaveProperty("approval_token");

    const approver = await createTestUser("approver", "Dana Approver");
    await decideProposals(approver, { ids: [posted.body.id], outcome: "approved" });
    const res = await getProposal(world.apiKey, posted.body.id);
    const token = res.body.approval_token as string;
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "EdDSA", typ: APPROVAL_TOKEN_TYPE, kid: (await publicJwks()).keys[0]!.kid });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: ISSUER,
      aud: APPROVAL_TOKEN_AUDIENCE,
      sub: posted.body.id,
      proposal_id: posted.body.id,
      digest: res.body.approved_digest,
      scopes: ["ap:read", "ap:write:draft", "ap:commit"],
      // The approved plan's commit step, as approved: what a tool checks its action against.
      actions: [{ tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_draft_12" } }],
      deciders: [{ id: approver.id, email: approver.email, name: "Dana Approver" }],
      agent: { id: world.agent.id, name: world.agent.name },
      queue: world.queue.slug,
    });
    expect(claims.exp! - claims.iat!).toBe(300);
    expect(res.body.approval_token_expires_at).toBe(new Date(claims.exp! * 1000).toISOString());
    const row = await db.approvalToken.findUniqueOrThrow({ where: { jti: claims.jti! } });
    expect(row).toMatchObject({ proposalId: posted.body.id, agentId: world.agent.id, digest: res.body.approved_digest, usedAt: null });

    // Each GET issues a fresh token with its own id.
    const again = decodeJwt(await fetchToken(world.apiKey, posted.body.id));
    expect(again.jti).not.toBe(claims.jti);
  });

  it("takes scopes and actions from the approved (edited) plan: dropping the commit step drops ap:commit", async () => {
    const world = await createTestWorld();
    const posted = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
    const approver = await createTestUser("approver");
    // Keep the read and draft steps, drop "Release payment" (ap:commit).
    await approveWithEdits(approver, {
      id: posted.body.id,
      version: 1,
      plan: [
        { index: 0, args: { invoice: "INV-2291" } },
        { index: 1, args: { bill_id: "bill_789", amount: "12480.00" } },
      ],
    });
    const res = await getProposal(world.apiKey, posted.body.id);
    expect(res.body.status).toBe("approved");
    const claims = decodeJwt(res.body.approval_token as string);
    expect(claims.scopes).toEqual(["ap:read", "ap:write:draft"]);
    expect(claims.actions).toEqual([]);
    expect(claims.digest).toBe(res.body.approved_digest);
    expect(claims.digest).not.toBe(posted.body.digest);
    // The example tool, asked to release the dropped payment, refuses.
    const refused = await release(res.body.approval_token, { payment_id: "pay_draft_12" });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "scope_not_approved" } } });
  });

  it("stops issuing tokens once one was redeemed, and says when and by whom", async () => {
    const { world, id } = await approvedProposal();
    const token = await fetchToken(world.apiKey, id);
    expect(await online({ token })).toMatchObject({ status: 200 });
    const after = await getProposal(world.apiKey, id);
    expect(after.body.status).toBe("approved");
    expect(after.body.approval_token).toBeNull();
    expect(after.body).not.toHaveProperty("approval_token_expires_at");
    const used = await db.approvalToken.findUniqueOrThrow({ where: { jti: decodeJwt(token).jti! } });
    expect(after.body.approval_token_redeemed_at).toBe(used.usedAt!.toISOString());
    expect(after.body.approval_token_redeemed_by).toBe((await erpPayments!).name);
    expect(await db.approvalToken.count({ where: { proposalId: id } })).toBe(1);
  });

  it("is never issued for a rejected or revoked proposal", async () => {
    const world = await createTestWorld();
    const posted = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
    const approver = await createTestUser("approver");
    await decideProposals(approver, { ids: [posted.body.id], outcome: "rejected", reason: "not due yet" });
    expect((await getProposal(world.apiKey, posted.body.id)).body).not.toHaveProperty("approval_token");

    const { world: w2, id } = await approvedProposal();
    await db.proposal.updateMany({ where: { id, status: "approved" }, data: { status: "revoked" } });
    const revoked = await getProposal(w2.apiKey, id);
    expect(revoked.body.status).toBe("revoked");
    expect(revoked.body).not.toHaveProperty("approval_token");
  });

  it("is never signed for a disabled agent, even when its request was let in a moment before", async () => {
    const { world, id } = await approvedProposal();
    // What a GET authenticated just before agent:revoke committed reaches next.
    await db.agent.update({ where: { id: world.agent.id }, data: { disabled: true } });
    expect(await issueApprovalToken(world.agent.id, id)).toBeNull();
    expect(await db.approvalToken.count({ where: { proposalId: id } })).toBe(0);
  });
});

describe("approval token verification", () => {
  it("verifies offline against the server's JWKS", async () => {
    const { world, id } = await approvedProposal();
    const res = await getProposal(world.apiKey, id);
    const result = await verifyApprovalToken(res.body.approval_token, {
      jwks: await publicJwks(),
      issuer: ISSUER,
      expected: { digest: res.body.approved_digest, proposalId: id, scopes: ["ap:commit"] },
    });
    expect(result).toMatchObject({ ok: true, claims: { proposal_id: id } });
  });

  it("verifies online once, marks the token used, and refuses the replay with 409", async () => {
    const { world, id } = await approvedProposal();
    const res = await getProposal(world.apiKey, id);
    const token = res.body.approval_token as string;
    const first = await online({ token, digest: res.body.approved_digest });
    expect(first).toMatchObject({ status: 200, body: { valid: true, claims: { proposal_id: id, digest: res.body.approved_digest } } });
    const row = await db.approvalToken.findUniqueOrThrow({ where: { jti: decodeJwt(token).jti! } });
    expect(row.usedAt).not.toBeNull();
    const tool = await erpPayments!;
    expect(row.usedBy).toBe(tool.name);
    // The redemption is a receipt naming the tool and the token, written with the spend.
    const redeemed = await db.receipt.findFirstOrThrow({ where: { proposalId: id, kind: "token_redeemed" } });
    expect(redeemed).toMatchObject({ actorType: "tool", actorId: tool.id, digest: res.body.approved_digest });
    expect(redeemed.payload).toMatchObject({ token_id: decodeJwt(token).jti, tool: tool.name, tool_id: tool.id });

    const replay = await online({ token });
    expect(replay).toMatchObject({ status: 409, body: { valid: false, error: { code: "replayed" } } });
    const logged = await db.securityEvent.findFirst({ where: { target: id, code: "replayed" } });
    expect(logged?.action).toBe("POST /api/v1/approval-tokens/verify");
  });

  it("is single use per approval: a second token of a redeemed proposal is refused as replayed", async () => {
    const { world, id } = await approvedProposal();
    const first = await fetchToken(world.apiKey, id);
    const second = await fetchToken(world.apiKey, id);
    expect(decodeJwt(second).jti).not.toBe(decodeJwt(first).jti);
    expect(await online({ token: first })).toMatchObject({ status: 200 });
    const replay = await online({ token: second });
    expect(replay).toMatchObject({ status: 409, body: { valid: false, error: { code: "replayed" } } });
    expect(replay.body.error.message).toMatch(new RegExp(`already redeemed with another token at .* by ${(await erpPayments!).name}`));
    expect((await db.approvalToken.findUniqueOrThrow({ where: { jti: decodeJwt(second).jti! } })).usedAt).toBeNull();
  });

  it("lets only one of two concurrent online checks of two tokens of one approval succeed", async () => {
    const { world, id } = await approvedProposal();
    const tokens = [await fetchToken(world.apiKey, id), await fetchToken(world.apiKey, id)];
    const results = await Promise.all(tokens.map((token) => online({ token })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await db.approvalToken.count({ where: { proposalId: id, usedAt: { not: null } } })).toBe(1);
  });

  it("settles a redemption racing a revocation: exactly one of them wins", async () => {
    const { world, id } = await approvedProposal();
    const token = await fetchToken(world.apiKey, id);
    const [redeemed, revoked] = await Promise.allSettled([online({ token }), revokeApproval(CLI_CALLER, { proposalId: id, reason: "race" })]);
    const status = (await db.proposal.findUniqueOrThrow({ where: { id } })).status;
    const spent = (await db.approvalToken.findUniqueOrThrow({ where: { jti: decodeJwt(token).jti! } })).usedAt !== null;
    if (revoked.status === "fulfilled") {
      expect(redeemed).toMatchObject({ status: "fulfilled", value: { status: 403, body: { error: { code: "revoked" } } } });
      expect([status, spent]).toEqual(["revoked", false]);
    } else {
      expect(revoked.reason).toMatchObject({ code: "conflict" });
      expect(redeemed).toMatchObject({ status: "fulfilled", value: { status: 200 } });
      expect([status, spent]).toEqual(["approved", true]);
    }
  });

  it("lets only one of two concurrent online checks of one token succeed", async () => {
    const { world, id } = await approvedProposal();
    const token = await fetchToken(world.apiKey, id);
    const results = await Promise.all([online({ token }), online({ token })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it("refuses online once the approval is revoked, and for an executed proposal", async () => {
    const { world, id } = await approvedProposal();
    const token = await fetchToken(world.apiKey, id);
    const spare = await fetchToken(world.apiKey, id);
    await revokeApproval(CLI_CALLER, { proposalId: id, reason: "Vendor flagged" });
    expect(await online({ token })).toMatchObject({ status: 403, body: { valid: false, error: { code: "revoked" } } });
    // ...and offline verification, which cannot see revocations, still passes: why tools that can should ask online.
    expect(await verifyApprovalToken(spare, { jwks: await publicJwks(), expected: { digest: decodeJwt(spare).digest as string } })).toMatchObject({ ok: true });

    await db.proposal.updateMany({ where: { id, status: "revoked" }, data: { status: "executed" } });
    expect(await online({ token: spare })).toMatchObject({ status: 403, body: { valid: false, error: { code: "not_approved" } } });
  });

  it("refuses online once the agent has been disabled", async () => {
    const { world, id } = await approvedProposal();
    const token = await fetchToken(world.apiKey, id);
    await db.agent.update({ where: { id: world.agent.id }, data: { disabled: true } });
    expect(await online({ token })).toMatchObject({ status: 403, body: { valid: false, error: { code: "agent_disabled" } } });
  });

  it("refuses alg none, a wrong audience, an unknown key id, a one-byte digest difference and an expired token", async () => {
    const { world, id } = await approvedProposal();
    const token = await fetchToken(world.apiKey, id);
    const claims = decodeJwt(token);
    const header = decodeProtectedHeader(token);
    const jwks = await publicJwks();
    const digest = claims.digest as string;
    const oneByteOff = digest.slice(0, -1) + (digest.endsWith("0") ? "1" : "0");

    const none = `${b64({ ...header, alg: "none" })}.${b64(claims)}.`;
    expect(await online({ token: none })).toMatchObject({ status: 403, body: { error: { code: "unsupported_algorithm" } } });
    expect(await verifyApprovalToken(none, { jwks, expected: { digest } })).toMatchObject({ ok: false, code: "unsupported_algorithm" });

    const stranger = await signWithStrangerKey(claims);
    expect(await online({ token: stranger })).toMatchObject({ status: 403, body: { error: { code: "unknown_key" } } });
    expect(await verifyApprovalToken(stranger, { jwks, expected: { digest } })).toMatchObject({ ok: false, code: "unknown_key" });

    expect(await verifyApprovalToken(token, { jwks, audience: "countersign:agent", expected: { digest } })).toMatchObject({ ok: false, code: "wrong_audience" });

    expect(await online({ token, digest: oneByteOff })).toMatchObject({ status: 403, body: { error: { code: "digest_mismatch" } } });
    expect(await verifyApprovalToken(token, { jwks, expected: { digest: oneByteOff } })).toMatchObject({ ok: false, code: "digest_mismatch" });

    const later = new Date((claims.exp! + 60) * 1000);
    expect(await verifyApprovalToken(token, { jwks, expected: { digest }, now: later })).toMatchObject({ ok: false, code: "expired" });

    // None of these refusals spent the real token.
    expect(await online({ token, digest })).toMatchObject({ status: 200, body: { valid: true } });
  });

  it("refuses online a token signed by the server's key that it never issued", async () => {
    const { world, id } = await approvedProposal();
    const token = await fetchToken(world.apiKey, id);
    await db.approvalToken.delete({ where: { jti: decodeJwt(token).jti! } });
    expect(await online({ token })).toMatchObject({ status: 403, body: { error: { code: "unknown_token" } } });
  });

  it("refuses online an expired token", async () => {
    const { world, id } = await approvedProposal();
    const token = await fetchToken(world.apiKey, id);
    const { redeemApprovalToken } = await import("@/lib/approvals/redeem-approval-token");
    const later = new Date((decodeJwt(token).exp! + 60) * 1000);
    expect(await redeemApprovalToken({ token, tool: { id: "t", name: "erp-payments" } }, later)).toMatchObject({ valid: false, code: "expired" });
  });

  it("answers 400 invalid_body for a request without a token", async () => {
    expect(await online({ digest: "x" })).toMatchObject({ status: 400, body: { error: { code: "invalid_body", issues: [{ path: "token" }] } } });
  });
});

describe("example tool: release-payment", () => {
  it("refuses without a token, releases the approved payment once, and refuses the replay, a second token and a forgery", async () => {
    const { world, id } = await approvedProposal();
    const res = await getProposal(world.apiKey, id);

    const without = await release(null, { payment_id: "pay_draft_12" });
    expect(without).toMatchObject({ status: 403, body: { error: { code: "approval_required" } } });
    expect(without.body.error.message).toMatch(/approval token/);

    const ok = await release(res.body.approval_token, { payment_id: "pay_draft_12" });
    expect(ok).toMatchObject({ status: 200, body: { released: true, payment_id: "pay_draft_12", proposal_id: id } });
    expect(ok.body.approved_by).toHaveLength(1);

    const replay = await release(res.body.approval_token, { payment_id: "pay_draft_12" }, "authorization");
    expect(replay).toMatchObject({ status: 403, body: { error: { code: "replayed" } } });
    // A fresh token (new jti) for the same approval: still the same approval, refused.
    const second = await release(await fetchToken(world.apiKey, id), { payment_id: "pay_draft_12" });
    expect(second).toMatchObject({ status: 403, body: { error: { code: "replayed" } } });

    const forged = await release(await signWithStrangerKey(decodeJwt(res.body.approval_token)), { payment_id: "pay_draft_12" });
    expect(forged).toMatchObject({ status: 403, body: { error: { code: "unknown_key" } } });
  });

  it("refuses a valid token for another payment than the approved one, whatever digest the body carries", async () => {
    const { world, id } = await approvedProposal();
    const token = await fetchToken(world.apiKey, id);
    const other = await release(token, { payment_id: "pay_999" });
    expect(other).toMatchObject({ status: 403, body: { error: { code: "action_not_approved" } } });
    expect(other.body.error.message).toMatch(/pay_999 not released.*ap\.release_payment \{"payment_id":"pay_draft_12"\}/);
    // A digest in the body is only a cross-check: the right one does not make another payment approved...
    const withDigest = await release(token, { payment_id: "pay_999", digest: decodeJwt(token).digest });
    expect(withDigest).toMatchObject({ status: 403, body: { error: { code: "action_not_approved" } } });
    // ...and a wrong one refuses even the approved payment.
    const wrongDigest = await release(token, { payment_id: "pay_draft_12", digest: "0".repeat(64) });
    expect(wrongDigest).toMatchObject({ status: 403, body: { error: { code: "digest_mismatch" } } });
    // Neither refusal spent the approval.
    expect(await release(token, { payment_id: "pay_draft_12" })).toMatchObject({ status: 200 });
  });

  it("refuses an approval that does not cover ap:commit", async () => {
    const world = await createTestWorld(["ap:read"]);
    const posted = await postProposal(
      world.apiKey,
      sampleEnvelope(world.queue.slug, { scopes: ["ap:read"], plan: [{ title: "Match", tool: "ap.match_invoice", scope: "ap:read", args: {} }] }),
    );
    expect(posted.body.status).toBe("approved"); // a read proposal is approved by policy
    const res = await getProposal(world.apiKey, posted.body.id);
    expect(decodeJwt(res.body.approval_token).deciders).toEqual([]);
    const refused = await release(res.body.approval_token, { payment_id: "pay_12" });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "scope_not_approved" } } });
  });
});

describe("who may redeem online: a registered tool only", () => {
  it("answers 401 without a key, and spends nothing", async () => {
    const { world, id } = await approvedProposal();
    const token = await fetchToken(world.apiKey, id);
    expect(await online({ token }, null)).toMatchObject({ status: 401, body: { error: { code: "unauthenticated" } } });
    expect(await db.approvalToken.count({ where: { proposalId: id, usedAt: { not: null } } })).toBe(0);
  });

  it("answers 403 to the agent's own key, says to use a tool key, logs it naming the agent, and spends nothing", async () => {
    const { world, id } = await approvedProposal();
    const token = await fetchToken(world.apiKey, id);
    const refused = await online({ token }, world.apiKey);
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "agent_key_not_allowed" } } });
    expect(refused.body.error.message).toMatch(/agent keys cannot redeem approvals; use a tool key/i);
    expect(await db.approvalToken.count({ where: { proposalId: id, usedAt: { not: null } } })).toBe(0);
    const logged = await db.securityEvent.findFirst({ where: { actorId: world.agent.id, code: "agent_key_not_allowed" } });
    expect(logged).toMatchObject({ actorType: "agent", action: "POST /api/v1/approval-tokens/verify" });
    // The approval can still be revoked: the agent did not spend it.
    await revokeApproval(CLI_CALLER, { proposalId: id, reason: "still revocable" });
  });

  it("answers 401 to a revoked tool key and to an unknown one", async () => {
    const { world, id } = await approvedProposal();
    const token = await fetchToken(world.apiKey, id);
    const tool = await createTestTool();
    const { revokeTool } = await import("@/lib/tools/manage-tools");
    await revokeTool(CLI_CALLER, { name: tool.name });
    expect(await online({ token }, tool.key)).toMatchObject({ status: 401, body: { error: { code: "unauthenticated" } } });
    expect(await online({ token }, `cst_${"x".repeat(43)}`)).toMatchObject({ status: 401 });
    expect(await online({ token })).toMatchObject({ status: 200, body: { valid: true, redeemed_by: (await erpPayments!).name } });
  });

  it("takes the redeeming tool from the key, never from the body", async () => {
    const { world, id } = await approvedProposal();
    const token = await fetchToken(world.apiKey, id);
    expect(await online({ token, tool: "someone-else" })).toMatchObject({ status: 400, body: { error: { code: "invalid_body" } } });
  });
});
