import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { listQueueNotificationSettings } from "@/lib/notifications/queue-settings";
import { listNotificationDeliveries, NOTIFICATION_STATUSES, type NotificationStatus } from "@/lib/notifications/admin-deliveries";
import { mailEnabled } from "@/lib/notifications/mail-transport";
import { exact } from "@/lib/format-time";
import { card, inlineLink, th, td } from "@/components/ui/tokens";
import { QueueSettingsForm, type QueueSettingsView } from "./queue-settings-form";
import { RetryNotificationButton } from "./retry-button";

export const metadata: Metadata = { title: "Notifications" };

const none = <span className="text-zinc-400 dark:text-zinc-500">—</span>;

export default async function AdminNotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdminPage("/admin/notifications");
  const params = await searchParams;
  const status = NOTIFICATION_STATUSES.find((s) => s === params.status) as NotificationStatus | undefined;
  const [{ queues, settings }, rows] = await Promise.all([listQueueNotificationSettings(admin), listNotificationDeliveries(admin, { status })]);
  const byQueue = new Map(settings.map((s) => [s.queueId, s]));
  const views: QueueSettingsView[] = queues.map((q) => {
    const s = byQueue.get(q.id);
    let chatHost: string | null = null;
    if (s?.chatWebhookUrl) chatHost = new URL(s.chatWebhookUrl).host;
    return {
      queueId: q.id,
      slug: q.slug,
      name: q.name,
      chatHost,
      chatFormat: (s?.chatFormat as QueueSettingsView["chatFormat"]) ?? "slack",
      serviceMinutes: s?.serviceMinutes ?? null,
      browserOnlyCritical: s?.browserOnlyCritical ?? false,
      browserOnlyEdited: s?.browserOnlyEdited ?? false,
    };
  });
  return (
    <main className="space-y-4">
      <h1 className="text-xl font-semibold">Notifications</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Mail: {mailEnabled() ? "SMTP is configured." : "no mail server configured (SMTP_URL); mail is not sent."} People choose what they receive on{" "}
        <Link href="/account/notifications" className={inlineLink}>their notifications page</Link>. See docs/notifications.md.
      </p>
      <section aria-labelledby="queues-heading" className="space-y-2">
        <h2 id="queues-heading" className="text-sm font-semibold">Queues</h2>
        {views.length === 0 && <p className="text-sm text-zinc-600">No queues yet.</p>}
        {views.map((q) => (
          <div key={q.queueId} className={card}>
            <h3 className="mb-2 text-sm font-medium">{q.name} <code className="text-xs text-zinc-500">{q.slug}</code></h3>
            <QueueSettingsForm queue={q} />
          </div>
        ))}
      </section>
      <section aria-labelledby="log-heading" className="space-y-2">
        <h2 id="log-heading" className="text-sm font-semibold">Delivery log (latest 100)</h2>
        <nav aria-label="Filter by status" className="flex gap-2 text-sm">
          {[undefined, ...NOTIFICATION_STATUSES].map((s) => (
            <Link key={s ?? "all"} href={s ? `/admin/notifications?status=${s}` : "/admin/notifications"} aria-current={s === status ? "page" : undefined} className="rounded px-2 py-0.5 hover:bg-zinc-100 aria-[current=page]:bg-zinc-900 aria-[current=page]:text-white dark:hover:bg-zinc-800">
              {s ?? "all"}
            </Link>
          ))}
        </nav>
        {rows.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No notifications{status ? ` with status ${status}` : ""} yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr>
                  <th className={th}>Created</th><th className={th}>Channel</th><th className={th}>Kind</th><th className={th}>To</th><th className={th}>Proposal</th>
                  <th className={th}>Status</th><th className={th}>Attempts</th><th className={th}>Last error</th><th className={th}><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className="border-t border-zinc-100 dark:border-zinc-800">
                    <td className={td}>{exact(r.createdAt.toISOString())}</td>
                    <td className={td}>{r.channel}</td>
                    <td className={td}>{r.kind}</td>
                    <td className={td}>{r.to}</td>
                    <td className={td}>{r.proposalId ? <Link href={`/proposals/${r.proposalId}`} className="text-blue-700 hover:underline dark:text-blue-400">open</Link> : none}</td>
                    <td className={td}>{r.status}{r.lastStatusCode ? ` (${r.lastStatusCode})` : ""}</td>
                    <td className={td}>{r.attempts}</td>
                    <td className={`${td} max-w-xs break-words`}>{r.lastError ?? none}</td>
                    <td className={td}>{r.status !== "delivered" && <RetryNotificationButton deliveryId={r.id} label={`${r.kind} to ${r.to}`} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
