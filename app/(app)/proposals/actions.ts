"use server";
// The decision actions, shared by the queue (batches) and the proposal page
// (one proposal, or edit-then-approve). Each is a public endpoint: the wrapper
// re-checks the session and the user's current role in the database, and the
// lib functions check every item again (rights, status, expiry, version).
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/authed-action";
import { decideInput, decideProposals } from "@/lib/proposals/decide-proposals";
import { approveWithEdits, approveWithEditsInput } from "@/lib/proposals/approve-with-edits";

export const decideProposalsAction = authedAction(decideInput, async (user, input) => {
  const result = await decideProposals(user, input);
  if (result.decided.length > 0) {
    revalidatePath("/queue");
    revalidatePath("/receipts");
  }
  return result;
}, { name: "decide_proposals" });

// Edit-before-approve: the server rebuilds the steps from the stored plan.
export const approveWithEditsAction = authedAction(approveWithEditsInput, async (user, input) => {
  const result = await approveWithEdits(user, input);
  revalidatePath(`/proposals/${result.id}`);
  revalidatePath("/queue");
  revalidatePath("/receipts");
  return {
    id: result.id,
    version: result.version,
    digest: result.digest,
    changes: result.changes.length,
    approvals: result.approvals,
    requiredApprovals: result.requiredApprovals,
    secondApproverRequired: result.secondApproverRequired,
  };
}, { name: "approve_with_edits" });
