import "server-only";
// Withdrawing an approval before the agent acts on it. Only an approved
// proposal with no execution report can be revoked; the guarded update
// (status still "approved", still no execution) lets exactly one of two
// admins revoking at once win, and only the winner writes the receipt.
// Approval tokens need no change: their verifier checks the proposal's
// status, and "revoked" is not "approved".
import { z } from "zod";
import { db, type Tx } from "@/lib/db/client";
import { ActionFailure } from "@/lib/actions/action-failure";
import { appendReceipts, type NewReceipt, type ReceiptActor } from "@/lib/receipts/append-receipt";
import { adminActor, type AdminCaller } from "@/lib/containment/admin-caller";
import { enqueueProposalEvents } from "@/lib/webhooks/enqueue";

export const revokeApprovalInput = z.object({
  proposalId: z.string().min(1).max(100),
  reason: z.string().trim().min(1, "give a reason for revoking the approval").max(2000, "keep the reason under 2000 characters"),
});
export type RevokeApprovalInput = z.input<typeof revokeApprovalInput>;

/** One revoked receipt: which approval was withdrawn, on which digest, from whom. */
export function revokedReceipt(
  p: { id: string; digest: string; decisions: { outcome: string; user: { email: string; name: string } }[] },
  actor: ReceiptActor,
  reason: string,
  at: Date,
  extra: Record<string, unknown> = {},
): NewReceipt {
  return {
    kind: "revoked",
    actor,
    proposalId: p.id,
    digest: p.digest,
    reason,
    at,
    payload: {
      proposal_id: p.id,
      digest: p.digest,
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
      digest: true,
      decisions: { orderBy: { createdAt: "asc" }, select: { outcome: true, user: { select: { email: true, name: true } } } },
    },
  });
}

export async function revokeApproval(caller: AdminCaller, rawInput: RevokeApprovalInput, now = new Date()) {
  const actor = adminActor(caller);
  const input = revokeApprovalInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const current = await tx.proposal.findUnique({
      where: { id: input.proposalId },
      select: { id: true, status: true, execution: { select: { outcome: true } } },
    });
    if (!current) throw new ActionFailure("not_found", "No such proposal.");
    if (current.execution) {
      throw new ActionFailure("already_executed", `The agent already reported this proposal ${current.execution.outcome}; an executed action cannot be revoked.`);
    }
    if (current.status !== "approved") {
      throw new ActionFailure("not_approved", `This proposal is ${current.status}; only an approved proposal can have its approval revoked.`);
    }
    const [proposal] = await loadRevocable(tx, { id: { in: [input.proposalId] } });
    // The guard repeats every condition: a concurrent revoke or execution report makes this a no-op.
    const won = await tx.proposal.updateMany({
      where: { id: input.proposalId, status: "approved", execution: { is: null } },
      data: { status: "revoked" },
    });
    if (!proposal || won.count === 0) {
      throw new ActionFailure("not_approved", "This approval was revoked or executed a moment ago by someone else; nothing changed.");
    }
    await appendReceipts(tx, [revokedReceipt(proposal, actor, input.reason, now)]);
    // The agent learns of it by its webhook, if it has one, as well as by polling.
    await enqueueProposalEvents(tx, [proposal.id], now);
    return { id: proposal.id, status: "revoked" as const };
  });
}
