"use server";
// "Roll back" on the proposal page. requestRollback checks the role on the
// proposal's queue (approver or admin), the status and the rollback plan itself.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/authed-action";
import { requestRollback } from "@/lib/proposals/request-rollback";

export const requestRollbackAction = authedAction(z.strictObject({ id: z.string().min(1).max(100) }), async (user, input) => {
  const result = await requestRollback(user, input.id);
  revalidatePath(`/proposals/${input.id}`);
  revalidatePath("/queue");
  return result;
}, { name: "request_rollback" });
