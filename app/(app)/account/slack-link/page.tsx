import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user";
import { describeSlackLinkCode } from "@/lib/notifications/slack/link-account";
import { card, inlineLink } from "@/components/ui/tokens";
import { ConfirmSlackLink } from "./confirm-slack-link";

export const metadata: Metadata = { title: "Link Slack" };

export default async function SlackLinkPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { code } = await searchParams;
  const value = typeof code === "string" ? code : "";
  // Signed-out people sign in first and come back here (the callback keeps the code).
  await requireUser(`/account/slack-link?code=${encodeURIComponent(value)}`);
  const pending = value ? await describeSlackLinkCode(value) : null;
  return (
    <main className="max-w-2xl space-y-4">
      <h1 className="text-xl font-semibold">Link your Slack account</h1>
      <section className={card}>
        {pending ? (
          <>
            <p className="text-sm">
              Slack user <code>{pending.slackUserId}</code> (workspace <code>{pending.slackTeamId}</code>) asked to decide proposals as you. After you confirm,
              Approve and Reject in Slack count as your decisions, with the same rights as in the browser. Confirm only if you clicked the button in Slack yourself.
            </p>
            <ConfirmSlackLink code={value} />
          </>
        ) : (
          <p role="alert" className="text-sm">
            This link is used, expired or incomplete. Click Approve or Reject in Slack again for a new one. <Link href="/account/notifications" className={inlineLink}>Notification settings</Link>
          </p>
        )}
      </section>
    </main>
  );
}
