"use server";
// Revoking an approval from the proposal page. revokeApproval checks the admin
// role, the status and the absence of an execution report itself.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/authed-action";
import { revokeApproval, revokeApprovalInput } from "@/lib/containment/revoke-approval";

export const revokeApprovalAction = authedAction(revokeApprovalInput, async (admin, input) => {
  const result = await revokeApproval(admin, input);
  revalidatePath(`/proposals/${result.id}`);
  revalidatePath("/queue");
  revalidatePath("/receipts");
  return result;
}, { name: "admin.revoke_approval" });
