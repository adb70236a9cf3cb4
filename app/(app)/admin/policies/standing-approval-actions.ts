"use server";
// Server actions of the standing approvals on /admin/policies. authedAction
// re-reads the session and checks the form's shape; the lib functions check
// that the caller is an admin and write the receipts.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/authed-action";
import { changeStandingApproval, grantStandingApproval, revokeStandingApproval } from "@/lib/standing-approvals/manage-standing-approvals";
import { standingApprovalInput } from "@/lib/standing-approvals/standing-approval-input";

const changeInput = z.strictObject({ id: z.string().min(1).max(100), form: standingApprovalInput });
const revokeInput = z.strictObject({ id: z.string().min(1).max(100), reason: z.string().trim().min(1, "say why").max(2000) });

export const grantStandingApprovalAction = authedAction(standingApprovalInput, async (admin, input) => {
  const granted = await grantStandingApproval(admin, input);
  revalidatePath("/admin/policies");
  return granted;
}, { name: "admin.grant_standing_approval" });

export const changeStandingApprovalAction = authedAction(changeInput, async (admin, input) => {
  const changed = await changeStandingApproval(admin, input.id, input.form);
  revalidatePath("/admin/policies");
  return changed;
}, { name: "admin.change_standing_approval" });

export const revokeStandingApprovalAction = authedAction(revokeInput, async (admin, input) => {
  await revokeStandingApproval(admin, input);
  revalidatePath("/admin/policies");
  return { id: input.id };
}, { name: "admin.revoke_standing_approval" });
