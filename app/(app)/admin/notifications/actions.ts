"use server";
// Notification settings per queue and "Retry now" on the notification log.
// authedAction re-reads the session; the lib functions check for an admin themselves.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/authed-action";
import { assertAdmin } from "@/lib/auth/require-admin";
import { queueSettingsInput, setQueueNotificationSettings } from "@/lib/notifications/queue-settings";
import { retryNotification, retryNotificationInput } from "@/lib/notifications/admin-deliveries";

export const saveQueueNotificationsAction = authedAction(queueSettingsInput, async (admin, input) => {
  assertAdmin(admin);
  const saved = await setQueueNotificationSettings(admin, input);
  revalidatePath("/admin/notifications");
  return { queueId: saved.queueId };
}, { name: "admin.queue_notifications" });

export const retryNotificationAction = authedAction(retryNotificationInput, async (admin, input) => {
  assertAdmin(admin);
  const result = await retryNotification(admin, input);
  revalidatePath("/admin/notifications");
  return result;
}, { name: "admin.retry_notification" });
