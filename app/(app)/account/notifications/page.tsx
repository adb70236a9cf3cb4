import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { getPreferences } from "@/lib/notifications/preferences";
import { listSlackLinks } from "@/lib/notifications/slack/link-account";
import { mailEnabled } from "@/lib/notifications/mail-transport";
import { card } from "@/components/ui/tokens";
import { PreferencesForm } from "./preferences-form";
import { UnlinkSlackButton } from "./unlink-slack-button";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requireUser("/account/notifications");
  const [preferences, links] = await Promise.all([getPreferences(user.id), listSlackLinks(user.id)]);
  return (
    <main className="max-w-2xl space-y-4">
      <h1 className="text-xl font-semibold">Notifications</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Mail goes to {user.email}. Links in it open the proposal; you decide there, after signing in.
      </p>
      {!mailEnabled() && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          This server has no mail server configured (SMTP_URL), so no mail is sent until an operator sets one.
        </p>
      )}
      <section aria-labelledby="mail-heading" className={card}>
        <h2 id="mail-heading" className="text-sm font-semibold">Email</h2>
        <PreferencesForm initial={preferences} />
      </section>
      <section aria-labelledby="slack-heading" className={card}>
        <h2 id="slack-heading" className="text-sm font-semibold">Slack</h2>
        {links.length === 0 ? (
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            No Slack account is linked. Click Approve or Reject on a proposal posted in Slack: Countersign answers with a one-time link to confirm here.
          </p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm">
            {links.map((l) => (
              <li key={l.id} className="flex items-center gap-3">
                <span>Slack user <code>{l.slackUserId}</code> in workspace <code>{l.slackTeamId}</code></span>
                <UnlinkSlackButton id={l.id} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
