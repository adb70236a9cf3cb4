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
//
// The row's `approved` status is not enough: the receipt chain must hold the
// approval of exactly the digest the token carries (approval-in-chain.ts), or
// no token is signed, the agent is told why, and the admins see a security
// event (once per proposal per instance and REFUSAL_LOG_MS, not on every poll).
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { db } from "@/lib/db/client";
import { findApprovalInChain } from "@/lib/approvals/approval-in-chain";
import { logger } from "@/lib/log";
import { recordRefusal } from "@/lib/security/record-refusal";
import { env } from "@/lib/env";
import { getSigningKey } from "@/lib/signing/signing-key";
import { approvedDigestOf, approvedDigestSelect } from "@/lib/approvals/approved-digest";
import { parseScope } from "@/lib/policy/scopes";
import {
  APPROVAL_TOKEN_ALGORITHM,
  APPROVAL_TOKEN_AUDIENCE,
  APPROVAL_TOKEN_TYPE,
  type ApprovalTokenAction,
  type ApprovalTokenClaims,
} from "@/lib/approvals/approval-token-format";

export type IssuedApprovalToken = { token: string; jti: string; expiresAt: Date; claims: ApprovalTokenClaims };
export type ApprovalRedemption = { redeemedAt: Date; redeemedBy: string | null };
export type TokenRefusal = { code: "approval_not_in_receipts"; message: string };
export type IssueResult = ({ issued: true } & IssuedApprovalToken) | ({ issued: false } & ApprovalRedemption) | { issued: false; refused: TokenRefusal };

const REFUSAL_LOG_MS = 10 * 60_000;
const logged = globalThis as unknown as { countersignTokenRefusalsLogged?: Map<string, number> };

/** Logs the refusal as a security event, at most once per proposal per REFUSAL_LOG_MS on this instance (agents poll). */
async function recordTokenRefusal(agent: { id: string; name: string }, proposalId: string, problem: string, now: Date): Promise<void> {
  const seen = (logged.countersignTokenRefusalsLogged ??= new Map());
  const last = seen.get(proposalId);
  if (last !== undefined && now.getTime() - last < REFUSAL_LOG_MS) return;
  if (seen.size > 10_000) seen.clear();
  seen.set(proposalId, now.getTime());
  logger.error("approval token refused: the proposal is approved in the database but not in the receipt chain", { proposalId, problem });
  await recordRefusal({
    actor: { type: "system", id: "approval-token-issuer", name: "Approval token issuer" },
    action: "approval_token.issue",
    target: proposalId,
    code: "approval_not_in_receipts",
    message: `no approval token for proposal ${proposalId} of agent ${agent.name}: it is marked approved, but ${problem}. Someone may have changed the database directly.`,
  });
}

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
/** The fields of a plan step (lib/proposals/envelope.ts) that an approval covers. */
export type CoveredStep = { tool: string; scope: string; args: unknown };

export function approvedCoverage(plan: CoveredStep[]): { scopes: string[]; actions: ApprovalTokenAction[] } {
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
  // A disabled (revoked or stopped) agent gets none, however its request got here: offline
  // verifiers cannot see the agent's state, so the token must not exist.
  const p = await db.proposal.findFirst({
    where: { id: proposalId, agentId, status: "approved", agent: { disabled: false } },
    select: {
      id: true,
      plan: true,
      requiredApprovals: true,
      ...approvedDigestSelect,
      agent: { select: { id: true, name: true } },
      queue: { select: { slug: true } },
    },
  });
  if (!p) return null;
  const redemption = await findRedemption(p.id);
  if (redemption) return { issued: false, ...redemption };
  const digest = approvedDigestOf(p);
  const inChain = await findApprovalInChain(p, digest);
  if (!inChain.ok) {
    await recordTokenRefusal(p.agent, p.id, inChain.problem, now);
    return {
      issued: false,
      refused: { code: "approval_not_in_receipts", message: `No approval token: the proposal is marked approved, but ${inChain.problem}. An administrator has been alerted.` },
    };
  }
  // Scopes and actions come from the plan in force, not the scopes the agent
  // requested: an approver's edit may have dropped a step, and its scope with it.
  const { scopes, actions } = approvedCoverage(Array.isArray(p.plan) ? (p.plan as CoveredStep[]) : []);

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
    digest,
    scopes,
    actions,
    // Who approved, as the chain records it (the Decision rows are as mutable as the status).
    deciders: inChain.deciders,
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
