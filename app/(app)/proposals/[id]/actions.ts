"use server";
// Server action for edit-before-approve. A public endpoint: the wrapper
// re-reads the session and role; approveWithEdits checks rights, status,
// expiry and version on the server and rebuilds steps from the stored plan.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/authed-action";
import { approveWithEdits, approveWithEditsInput } from "@/lib/proposals/approve-with-edits";

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
