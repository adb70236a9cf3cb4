"use server";
// "Retry now" on the delivery log. authedAction re-reads the session;
// retryWebhookDelivery checks that the caller is an admin itself.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/authed-action";
import { assertAdmin } from "@/lib/auth/require-admin";
import { retryDeliveryInput, retryWebhookDelivery } from "@/lib/webhooks/admin-deliveries";

export const retryDeliveryAction = authedAction(retryDeliveryInput, async (admin, input) => {
  assertAdmin(admin);
  const result = await retryWebhookDelivery(admin, input);
  revalidatePath("/admin/webhooks");
  return result;
}, { name: "admin.retry_delivery" });
