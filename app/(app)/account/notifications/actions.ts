"use server";
// The signed-in person's own notification preferences and Slack links.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/authed-action";
import { preferencesInput, setPreferences } from "@/lib/notifications/preferences";
import { slackLinkCodeInput, confirmSlackLink, unlinkSlackInput, unlinkSlack } from "@/lib/notifications/slack/link-account";

export const savePreferencesAction = authedAction(preferencesInput, async (user, input) => {
  const saved = await setPreferences(user, input);
  revalidatePath("/account/notifications");
  return saved;
}, { name: "account.notification_preferences" });

export const confirmSlackLinkAction = authedAction(slackLinkCodeInput, async (user, input) => {
  const linked = await confirmSlackLink(user, input);
  revalidatePath("/account/notifications");
  return linked;
}, { name: "account.slack_link" });

export const unlinkSlackAction = authedAction(unlinkSlackInput, async (user, input) => {
  const result = await unlinkSlack(user, input);
  revalidatePath("/account/notifications");
  return result;
}, { name: "account.slack_unlink" });
