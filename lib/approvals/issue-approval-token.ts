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
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getSigningKey } from "@/lib/signing/signing-key";
import { approvedDigestOf, approvedDigestSelect } from "@/lib/proposals/approved-digest";
import {
  APPROVAL_TOKEN_ALGORITHM,
  APPROVAL_TOKEN_AUDIENCE,
  APPROVAL_TOKEN_TYPE,
  type ApprovalTokenClaims,
} from "@/lib/approvals/approval-token-format";

export type IssuedApprovalToken = { token: string; jti: string; expiresAt: Date; claims: ApprovalTokenClaims };

/** A token for the agent's own approved proposal; null when it is not (or no longer) approved. */
export async function issueApprovalToken(agentId: string, proposalId: string, now = new Date()): Promise<IssuedApprovalToken | null> {
  const p = await db.proposal.findFirst({
    where: { id: proposalId, agentId, status: "approved" },
    select: {
      id: true,
      scopes: true,
      ...approvedDigestSelect,
      agent: { select: { id: true, name: true } },
      queue: { select: { slug: true } },
      decisions: { where: { outcome: "approved" }, orderBy: { createdAt: "asc" }, select: { user: { select: { id: true, email: true, name: true } } } },
    },
  });
  if (!p) return null;

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
    scopes: Array.isArray(p.scopes) ? (p.scopes as string[]) : [],
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
  return { token, jti: claims.jti, expiresAt, claims };
}
