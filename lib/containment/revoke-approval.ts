import "server-only";
// Withdrawing an approval before the agent acts on it. Only an approved
// proposal with no execution report and no redeemed approval token can be
// revoked; the guarded update (status still "approved", still no execution)
// lets exactly one of two admins revoking at once win, and only the winner
// writes the receipt.
//
// A redeemed token means a tool has been told "go": the action may already
// have run, so revoking then would only hide it (and the execution report
// would arrive for a "revoked" proposal). The guarded update comes first and
// locks the row; the online redemption locks the same row before it spends a
// token, so the check for redeemed tokens below sees every redemption that
// could still race us, and refusing rolls the update back. Unredeemed tokens
// need no change: the online check refuses them once the status is "revoked".
import { z } from "zod";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import { appendReceipts, type NewReceipt, type ReceiptActor, type ReceiptPayload } from "@/lib/receipts/append-receipt";
import { adminActor, type AdminCaller } from "@/lib/users/admin-caller";
import { enqueueProposalEvents } from "@/lib/webhooks/enqueue";
import { approvedDigestOf, approvedDigestSelect } from "@/lib/approvals/approved-digest";

export const revokeApprovalInput = z.object({
  proposalId: z.string().min(1).max(100),
  reason: z.string().trim().min(1, "give a reason for revoking the approval").max(2000, "keep the reason under 2000 characters"),
});
export type RevokeApprovalInput = z.input<typeof revokeApprovalInput>;

type Revocable = {
  id: string;
  digest: string;
  version: number;
  versions: { version: number; digest: string }[];
  decisions: { outcome: string; user: { email: string; name: string } }[];
};

/** One revoked receipt: which approval was withdrawn, on which digest (the APPROVED one, an edit's when edited), from whom. */
export function revokedReceipt(p: Revocable, actor: ReceiptActor, reason: string, at: Date, extra: Pick<ReceiptPayload<"revoked">, "cause" | "agent"> = {}): NewReceipt {
  const digest = approvedDigestOf(p);
  return {
    kind: "revoked",
    actor,
    proposalId: p.id,
    digest,
    reason,
    at,
    payload: {
      proposal_id: p.id,
      digest,
      previous_deciders: p.decisions.filter((d) => d.outcome === "approved").map((d) => ({ email: d.user.email, name: d.user.name })),
      reason,
      ...extra,
    },
  };
}

/** The approved, unexecuted proposals among `ids`, with what a revoked receipt names. */
export function loadRevocable(tx: Tx, where: { id: { in: string[] } } | { agentId: string }) {
  return tx.proposal.findMany({
    where: { ...where, status: "approved", execution: { is: null } },
    select: {
      id: true,
      ...approvedDigestSelect,
      decisions: { orderBy: { createdAt: "asc" }, select: { outcome: true, user: { select: { email: true, name: true } } } },
    },
  });
}

/** The first redeemed approval token of each of these proposals (read after their rows are locked). */
export async function findRedeemedTokens(tx: Tx, proposalIds: string[]): Promise<Map<string, { usedAt: Date; usedBy: string | null }>> {
  const found = new Map<string, { usedAt: Date; usedBy: string | null }>();
  if (proposalIds.length === 0) return found;
  const rows = await tx.approvalToken.findMany({
    where: { proposalId: { in: proposalIds }, usedAt: { not: null } },
    orderBy: { usedAt: "asc" },
    select: { proposalId: true, usedAt: true, usedBy: true },
  });
  for (const row of rows) if (row.usedAt && !found.has(row.proposalId)) found.set(row.proposalId, { usedAt: row.usedAt, usedBy: row.usedBy });
  return found;
}

/**
 * Why an approved proposal can no longer be revoked, for the proposal page:
 * "executed" once the agent reported it, "redeemed" once a tool spent its
 * token; null while it can be. revokeApproval re-checks both under a lock.
 */
export async function revocationBlocker(proposalId: string): Promise<
  { kind: "executed" } | { kind: "redeemed"; usedAt: Date; usedBy: string | null } | null
> {
  const [execution, redeemed] = await Promise.all([
    db.execution.findUnique({ where: { proposalId }, select: { id: true } }),
    db.approvalToken.findFirst({ where: { proposalId, usedAt: { not: null } }, orderBy: { usedAt: "asc" }, select: { usedAt: true, usedBy: true } }),
  ]);
  if (execution) return { kind: "executed" };
  if (redeemed?.usedAt) return { kind: "redeemed", usedAt: redeemed.usedAt, usedBy: redeemed.usedBy };
  return null;
}

export async function revokeApproval(caller: AdminCaller, rawInput: RevokeApprovalInput, now = new Date()) {
  const actor = adminActor(caller);
  const input = revokeApprovalInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const current = await tx.proposal.findUnique({
      where: { id: input.proposalId },
      select: { id: true, status: true, execution: { select: { outcome: true } } },
    });
    if (!current) throw new AppError("not_found", "not_found", "No such proposal.");
    if (current.execution) {
      throw new AppError("conflict", "already_executed", `The agent already reported this proposal ${current.execution.outcome}; an executed action cannot be revoked.`);
    }
    if (current.status !== "approved") {
      throw new AppError("conflict", "not_approved", `This proposal is ${current.status}; only an approved proposal can have its approval revoked.`);
    }
    const [proposal] = await loadRevocable(tx, { id: { in: [input.proposalId] } });
    // The guard repeats every condition: a concurrent revoke or execution report makes this a no-op.
    const won = await tx.proposal.updateMany({
      where: { id: input.proposalId, status: "approved", execution: { is: null } },
      data: { status: "revoked" },
    });
    if (!proposal || won.count === 0) {
      throw new AppError("conflict", "not_approved", "This approval was revoked or executed a moment ago by someone else; nothing changed.");
    }
    // After the guarded update (the row lock), so no redemption can slip in between; throwing rolls the update back.
    const redeemed = await findRedeemedTokens(tx, [proposal.id]);
    const token = redeemed.get(proposal.id);
    if (token) {
      throw new AppError(
        "conflict", "conflict",
        `This approval cannot be revoked: its approval token was already redeemed by ${token.usedBy ?? "a tool that gave no name"} at ${token.usedAt.toISOString()}: the action may have run; wait for the execution report.`,
      );
    }
    await appendReceipts(tx, [revokedReceipt(proposal, actor, input.reason, now)]);
    // The agent learns of it by its webhook, if it has one, as well as by polling.
    await enqueueProposalEvents(tx, [proposal.id], now);
    return { id: proposal.id, status: "revoked" as const };
  });
}
