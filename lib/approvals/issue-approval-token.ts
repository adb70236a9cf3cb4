import "server-only";
// Issues an approval token for an approved proposal: a compact JWS (EdDSA,
// the server's Ed25519 key) that a downstream tool can check offline against
// the JWKS, or online (which also spends it and sees revocation).
//
// A fresh token is issued on every agent GET rather than an earlier one
// reused: the token itself is never stored (only its jti, to spend it once
// online), so an earlier one could not be handed out again without keeping a
// bearer credential in the database. Tokens live APPROVAL_TOKEN_TTL_SECONDS
// (default 5 minutes), so the live ones stay few.
//
// Single use is per approved proposal: once any token of it has been redeemed
// online, no new token is issued (the caller learns when and by whom instead),
// and the online check refuses every other token of it as replayed.
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getSigningKey } from "@/lib/signing/signing-key";
import { approvedDigestOf, approvedDigestSelect } from "@/lib/proposals/approved-digest";
import { parseScope } from "@/lib/policy/scopes";
import type { PlanStep } from "@/lib/proposals/envelope";
import {
  APPROVAL_TOKEN_ALGORITHM,
  APPROVAL_TOKEN_AUDIENCE,
  APPROVAL_TOKEN_TYPE,
  type ApprovalTokenAction,
  type ApprovalTokenClaims,
} from "@/lib/approvals/approval-token-format";

export type IssuedApprovalToken = { token: string; jti: string; expiresAt: Date; claims: ApprovalTokenClaims };
export type ApprovalRedemption = { redeemedAt: Date; redeemedBy: string | null };
export type IssueResult = ({ issued: true } & IssuedApprovalToken) | ({ issued: false } & ApprovalRedemption);

/** The first online redemption of any token of this proposal, if there was one. */
export async function findRedemption(proposalId: string): Promise<ApprovalRedemption | null> {
  const used = await db.approvalToken.findFirst({
    where: { proposalId, usedAt: { not: null } },
    orderBy: { usedAt: "asc" },
    select: { usedAt: true, usedBy: true },
  });
  return used?.usedAt ? { redeemedAt: used.usedAt, redeemedBy: used.usedBy } : null;
}

/** What the approved plan covers: the set of its steps' scopes, and its commit-tier steps as they were approved. */
export function approvedCoverage(plan: PlanStep[]): { scopes: string[]; actions: ApprovalTokenAction[] } {
  const scopes = [...new Set(plan.map((step) => step.scope))];
  const actions = plan
    .filter((step) => parseScope(step.scope)?.tier === "commit")
    .map((step) => ({ tool: step.tool, scope: step.scope, args: step.args as Record<string, unknown> }));
  return { scopes, actions };
}

/**
 * A token for the agent's own approved proposal; null when it is not (or no
 * longer) approved, and `issued: false` with the redemption once a token of it
 * has been redeemed.
 */
export async function issueApprovalToken(agentId: string, proposalId: string, now = new Date()): Promise<IssueResult | null> {
  const p = await db.proposal.findFirst({
    where: { id: proposalId, agentId, status: "approved" },
    select: {
      id: true,
      plan: true,
      ...approvedDigestSelect,
      agent: { select: { id: true, name: true } },
      queue: { select: { slug: true } },
      decisions: { where: { outcome: "approved" }, orderBy: { createdAt: "asc" }, select: { user: { select: { id: true, email: true, name: true } } } },
    },
  });
  if (!p) return null;
  const redemption = await findRedemption(p.id);
  if (redemption) return { issued: false, ...redemption };
  // Scopes and actions come from the plan in force, not the scopes the agent
  // requested: an approver's edit may have dropped a step, and its scope with it.
  const { scopes, actions } = approvedCoverage(Array.isArray(p.plan) ? (p.plan as PlanStep[]) : []);

  const settings = env();
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + settings.APPROVAL_TOKEN_TTL_SECONDS;
  const claims: ApprovalTokenClaims = {
    iss: settings.PUBLIC_URL,
    aud: APPROVAL_TOKEN_AUDIENCE,
    sub: p.id,
    jti: randomUUID(),
    iat,
    nbf: iat,
    exp,
    proposal_id: p.id,
    digest: approvedDigestOf(p),
    scopes,
    actions,
    deciders: p.decisions.map((d) => d.user),
    agent: p.agent,
    queue: p.queue.slug,
  };
  const key = await getSigningKey();
  const token = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: APPROVAL_TOKEN_ALGORITHM, kid: key.kid, typ: APPROVAL_TOKEN_TYPE })
    .sign(key.privateKey);
  const expiresAt = new Date(exp * 1000);
  // Recorded before it is handed out, so the online check always finds it.
  await db.approvalToken.create({
    data: { jti: claims.jti, proposalId: p.id, agentId: p.agent.id, digest: claims.digest, issuedAt: now, expiresAt },
  });
  return { issued: true, token, jti: claims.jti, expiresAt, claims };
}
