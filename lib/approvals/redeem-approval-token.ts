import "server-only";
// The online check of an approval token: everything the offline check does,
// plus what only Countersign's database knows. The proposal must still be
// approved (not revoked, executed or failed), its agent still enabled, the
// token one this server issued, and NO token of the proposal redeemed before:
// single use is per approved proposal, since the agent gets a fresh token
// (new jti) on every GET and one approval must not run twice.
//
// Ordering with revocation: the transaction first locks the proposal row with
// a guarded write (status still "approved"). revokeApproval and stopAgent take
// the same row lock before they look for redeemed tokens, so either the
// revocation commits first (this write then matches nothing: refused) or the
// redemption does (the revocation then sees the spent token and refuses).
// Two redemptions of one proposal are serialized by the same lock; the second
// sees the first's usedAt and is refused as replayed.
//
// Only a registered tool redeems (lib/tools/authenticate-tool.ts): the caller
// passes the tool it authenticated, and the redemption is a token_redeemed
// receipt naming that tool and the token id, written in the transaction that
// marks the token used.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { publicJwks } from "@/lib/signing/signing-key";
import { approvedDigestOf, approvedDigestSelect } from "@/lib/approvals/approved-digest";
import { verifyApprovalTokenSignature, type ApprovalTokenErrorCode } from "@/lib/approvals/verify-approval-token";
import type { ApprovalTokenClaims } from "@/lib/approvals/approval-token-format";
import type { AuthenticatedTool } from "@/lib/tools/authenticate-tool";
import { appendReceipt } from "@/lib/receipts/append-receipt";

export type RedeemErrorCode = ApprovalTokenErrorCode | "unknown_token" | "revoked" | "not_approved" | "agent_disabled";
export type RedeemResult = { valid: true; claims: ApprovalTokenClaims } | { valid: false; code: RedeemErrorCode; message: string };

export type RedeemInput = {
  token: string;
  /** The digest the caller is about to execute; when given it must equal the approved one. */
  digest?: string;
  /** The registered tool spending it, as authenticated by its key. */
  tool: AuthenticatedTool;
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
    // The lock: a guarded write on the proposal row, first, so on SQLite it
    // also takes the write lock at once. Count 0: no longer approved.
    const locked = await tx.proposal.updateMany({ where: { id: claims.proposal_id, status: "approved" }, data: { updatedAt: now } });
    const proposal = await tx.proposal.findUnique({
      where: { id: claims.proposal_id },
      select: { status: true, ...approvedDigestSelect, agent: { select: { disabled: true, stoppedAt: true } } },
    });
    if (!proposal) return refuse("unknown_token", "The proposal this token approves no longer exists.");
    if (locked.count === 0) {
      if (proposal.status === "revoked") return refuse("revoked", "The approval was revoked by an administrator; the action must not be executed.");
      return refuse("not_approved", `The proposal is ${proposal.status}, no longer approved; the token cannot be used.`);
    }
    // An agent switched off since (agent:revoke or stopped) may not act on what it was approved for.
    if (proposal.agent.disabled || proposal.agent.stoppedAt) {
      return refuse("agent_disabled", "The agent this approval was given to has been disabled; the action must not be executed.");
    }
    // An approval is final, so this only differs if the data was changed behind Countersign's back.
    if (approvedDigestOf(proposal) !== claims.digest) {
      return refuse("digest_mismatch", "The approved digest on record differs from the token's; the action must not be executed.");
    }
    const token = await tx.approvalToken.findUnique({ where: { jti: claims.jti }, select: { proposalId: true, digest: true } });
    if (!token || token.proposalId !== claims.proposal_id || token.digest !== claims.digest) {
      return refuse("unknown_token", "This server has no record of issuing this approval token.");
    }
    const earlier = await tx.approvalToken.findFirst({
      where: { proposalId: claims.proposal_id, usedAt: { not: null } },
      orderBy: { usedAt: "asc" },
      select: { jti: true, usedAt: true, usedBy: true },
    });
    if (earlier?.usedAt) {
      const when = earlier.usedAt.toISOString();
      const by = earlier.usedBy ? ` by ${earlier.usedBy}` : "";
      return refuse(
        "replayed",
        earlier.jti === claims.jti
          ? `This approval token was already used at ${when}${by}; an approval is executed once.`
          : `This approval was already redeemed with another token at ${when}${by}; an approval is executed once, whichever token the agent holds.`,
      );
    }
    // Still guarded on usedAt, as a last line should the lock ever be bypassed.
    const spent = await tx.approvalToken.updateMany({ where: { jti: claims.jti, usedAt: null }, data: { usedAt: now, usedBy: input.tool.name } });
    if (spent.count === 0) return refuse("replayed", "This approval token was used a moment ago; an approval is executed once.");
    await appendReceipt(tx, {
      kind: "token_redeemed",
      actor: { type: "tool", id: input.tool.id, name: input.tool.name },
      proposalId: claims.proposal_id,
      digest: claims.digest,
      at: now,
      payload: { proposal_id: claims.proposal_id, token_id: claims.jti, tool_id: input.tool.id, tool: input.tool.name, digest: claims.digest },
    });
    return { valid: true as const, claims };
  });
}
