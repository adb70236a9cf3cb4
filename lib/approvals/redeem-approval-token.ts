import "server-only";
// The online check of an approval token: everything the offline check does,
// plus what only Countersign's database knows. The proposal must still be
// approved (not revoked, executed or failed) and the token must be one this
// server issued and never spent; it is spent here, once, by a guarded update
// (usedAt null -> now), so two tools racing with one token get one "valid".
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { publicJwks } from "@/lib/signing/signing-key";
import { approvedDigestOf, approvedDigestSelect } from "@/lib/proposals/approved-digest";
import { verifyApprovalTokenSignature, type ApprovalTokenErrorCode } from "@/lib/approvals/verify-approval-token";
import type { ApprovalTokenClaims } from "@/lib/approvals/approval-token-format";

export type RedeemErrorCode = ApprovalTokenErrorCode | "unknown_token" | "revoked" | "not_approved" | "agent_disabled";
export type RedeemResult = { valid: true; claims: ApprovalTokenClaims } | { valid: false; code: RedeemErrorCode; message: string };

export type RedeemInput = {
  token: string;
  /** The digest the caller is about to execute; when given it must equal the approved one. */
  digest?: string;
  /** Who spent it (a tool's name, for the record). */
  usedBy?: string;
};

const refuse = (code: RedeemErrorCode, message: string): RedeemResult => ({ valid: false, code, message });

export async function redeemApprovalToken(input: RedeemInput, now = new Date()): Promise<RedeemResult> {
  const checked = await verifyApprovalTokenSignature(input.token, { jwks: await publicJwks(), issuer: env().PUBLIC_URL, now });
  if (!checked.ok) return refuse(checked.code, checked.message);
  const { claims } = checked;
  if (input.digest !== undefined && input.digest !== claims.digest) {
    return refuse("digest_mismatch", `This token approves digest ${claims.digest}; you asked about ${input.digest}. Only the approved version may be executed.`);
  }

  return db.$transaction(async (tx) => {
    // The guarded spend comes first: on SQLite it takes the write lock, and a
    // revocation committed before this point is seen by the read below.
    const spent = await tx.approvalToken.updateMany({
      where: { jti: claims.jti, proposalId: claims.proposal_id, digest: claims.digest, usedAt: null },
      data: { usedAt: now, usedBy: input.usedBy ?? null },
    });
    if (spent.count === 0) {
      const known = await tx.approvalToken.findUnique({ where: { jti: claims.jti }, select: { usedAt: true, proposalId: true, digest: true } });
      if (known?.usedAt && known.proposalId === claims.proposal_id && known.digest === claims.digest) {
        return refuse("replayed", `This approval token was already used at ${known.usedAt.toISOString()}; ask the agent to fetch a fresh one.`);
      }
      return refuse("unknown_token", "This server has no record of issuing this approval token.");
    }
    const proposal = await tx.proposal.findUnique({ where: { id: claims.proposal_id }, select: { status: true, ...approvedDigestSelect, agent: { select: { disabled: true, stoppedAt: true } } } });
    if (!proposal) return refuse("unknown_token", "The proposal this token approves no longer exists.");
    if (proposal.status === "revoked") return refuse("revoked", "The approval was revoked by an administrator; the action must not be executed.");
    // An agent switched off since (agent:revoke or stopped) may not act on what it was approved for.
    if (proposal.agent.disabled || proposal.agent.stoppedAt) {
      return refuse("agent_disabled", "The agent this approval was given to has been disabled; the action must not be executed.");
    }
    if (proposal.status !== "approved") {
      return refuse("not_approved", `The proposal is ${proposal.status}, no longer approved; the token cannot be used.`);
    }
    // An approval is final, so this only differs if the data was changed behind Countersign's back.
    if (approvedDigestOf(proposal) !== claims.digest) {
      return refuse("digest_mismatch", "The approved digest on record differs from the token's; the action must not be executed.");
    }
    return { valid: true as const, claims };
  });
}
