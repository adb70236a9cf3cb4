import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/require-admin";
import {
  countWebhookDeliveries,
  DELIVERIES_PAGE_SIZE,
  DELIVERY_STATUSES,
  encodeDeliveryCursor,
  listWebhookDeliveries,
  parseDeliveryCursor,
  parseDeliveryStatus,
  type DeliveryRow,
  type DeliveryStatus,
} from "@/lib/webhooks/admin-deliveries";
import { ago, exact, until } from "@/lib/format-time";
import { th, td } from "../ui";
import { RetryButton } from "./retry-button";

export const metadata: Metadata = { title: "Webhook deliveries" };

const link = "text-blue-700 hover:underline dark:text-blue-400";
const none = <span className="text-zinc-400 dark:text-zinc-500">—</span>;
const buttonLink =
  "inline-flex h-8 items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800";

const STATUS_STYLE: Record<string, string> = {
  pending: "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950/40 dark:text-amber-300 dark:ring-amber-900",
  delivered: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950/40 dark:text-emerald-300 dark:ring-emerald-900",
  failed: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950/40 dark:text-red-300 dark:ring-red-900",
};

function href(status: DeliveryStatus | undefined, before?: string): string {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (before) params.set("before", before);
  const query = params.toString();
  return `/admin/webhooks${query ? `?${query}` : ""}`;
}

export default async function WebhookDeliveriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireAdminPage("/admin/webhooks");
  const params = await searchParams;
  const status = parseDeliveryStatus(params.status);
  const cursor = parseDeliveryCursor(params.before);
  const [page, counts] = await Promise.all([listWebhookDeliveries(user, { status, cursor }), countWebhookDeliveries(user)]);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request
  const now = Date.now();
  const total = counts.pending + counts.delivered + counts.failed;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-lg font-semibold tracking-tight">Webhook deliveries</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Signed events sent to agents&apos; callback URLs, newest first. Failures are retried with backoff; a delivery that keeps failing ends as failed.
        </p>
      </div>

      <nav aria-label="Filter by status" className="flex flex-wrap gap-1 text-sm">
        {[undefined, ...DELIVERY_STATUSES].map((s) => {
          const current = s === status;
          const count = s ? counts[s] : total;
          return (
            <Link
              key={s ?? "all"}
              href={href(s)}
              aria-current={current ? "page" : undefined}
              className={`rounded-md px-2.5 py-1 ${
                current
                  ? "bg-zinc-900 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900"
                  : "text-zinc-700 ring-1 ring-zinc-200 hover:bg-zinc-100 dark:text-zinc-300 dark:ring-zinc-800 dark:hover:bg-zinc-800"
              }`}
            >
              {s ? s[0]!.toUpperCase() + s.slice(1) : "All"} <span className="tabular-nums opacity-75">{count.toLocaleString("en-US")}</span>
            </Link>
          );
        })}
      </nav>

      {cursor && (
        <p className="text-sm">
          <Link href={href(status)} className={link}>
            Back to newest
          </Link>
        </p>
      )}

      {page.rows.length === 0 ? (
        <EmptyState status={status} paged={cursor !== null} />
      ) : (
        <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
          <table className="w-full min-w-[1200px] table-fixed border-collapse text-sm">
            <caption className="sr-only">Webhook deliveries{status ? ` with status ${status}` : ""}, newest first</caption>
            <colgroup>
              <col className="w-[96px]" />
              <col className="w-[190px]" />
              <col className="w-[170px]" />
              <col className="w-[120px]" />
              <col className="w-[100px]" />
              <col className="w-[72px]" />
              <col />
              <col className="w-[110px]" />
              <col className="w-[110px]" />
              <col className="w-[120px]" />
            </colgroup>
            <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
              <tr>
                <th scope="col" className={th}>Queued</th>
                <th scope="col" className={th}>Agent</th>
                <th scope="col" className={th}>Event</th>
                <th scope="col" className={th}>Proposal</th>
                <th scope="col" className={th}>Status</th>
                <th scope="col" className={th}>Attempts</th>
                <th scope="col" className={th}>Last response</th>
                <th scope="col" className={th}>Next attempt</th>
                <th scope="col" className={th}>Delivered</th>
                <th scope="col" className={th}><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
              {page.rows.map((row) => (
                <DeliveryTableRow key={row.id} row={row} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {page.next && (
        <nav aria-label="Pagination" className="flex items-center gap-3">
          <Link href={href(status, encodeDeliveryCursor(page.next))} className={buttonLink}>
            Next page (older deliveries) →
          </Link>
          <span className="text-xs text-zinc-500 dark:text-zinc-400">{DELIVERIES_PAGE_SIZE} per page</span>
        </nav>
      )}
    </div>
  );
}

function Time({ iso, now, future }: { iso: string; now: number; future?: boolean }) {
  // A due retry waits only for the next poll (every few seconds).
  const text = !future ? ago(iso, now) : new Date(iso).getTime() <= now ? "due now" : until(iso, now);
  return (
    <time dateTime={iso} title={exact(iso)} className="block whitespace-nowrap tabular-nums">
      {text}
    </time>
  );
}

function DeliveryTableRow({ row, now }: { row: DeliveryRow; now: number }) {
  const retryable = (row.status === "failed" || row.status === "pending") && !row.sending;
  return (
    <tr className="hover:bg-zinc-50 dark:hover:bg-zinc-900/60">
      <td className={td}>
        <Time iso={row.createdAt} now={now} />
      </td>
      <td className={td}>
        <div className="truncate font-medium">{row.agent.name}</div>
        <div className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400" title={row.url}>
          {row.url}
        </div>
      </td>
      <td className={`${td} break-words font-mono text-xs`}>
        {row.event}
        <div className="truncate text-zinc-500 dark:text-zinc-400" title={`Delivery id (Countersign-Delivery header): ${row.id}`}>
          {row.id}
        </div>
      </td>
      <td className={`${td} truncate font-mono text-xs`}>
        {row.proposalId ? (
          <Link href={`/proposals/${row.proposalId}`} className={link} title={row.proposalId}>
            {row.proposalId}
          </Link>
        ) : (
          none
        )}
      </td>
      <td className={td}>
        <span className={`inline-flex rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${STATUS_STYLE[row.status] ?? ""}`}>
          {row.sending ? "sending" : row.status}
        </span>
      </td>
      <td className={`${td} tabular-nums`}>{row.attempts}</td>
      <td className={`${td} text-xs`}>
        {row.lastStatusCode !== null && <span className="font-mono">HTTP {row.lastStatusCode}</span>}
        {row.lastError ? (
          <span className="line-clamp-3 break-words text-zinc-700 dark:text-zinc-300" title={row.lastError}>
            {row.lastError}
          </span>
        ) : (
          row.lastStatusCode === null && none
        )}
      </td>
      <td className={td}>{row.status === "pending" ? <Time iso={row.nextAttemptAt} now={now} future /> : none}</td>
      <td className={td}>{row.deliveredAt ? <Time iso={row.deliveredAt} now={now} /> : none}</td>
      <td className={td}>{retryable && <RetryButton deliveryId={row.id} label={`${row.event} to ${row.agent.name}`} />}</td>
    </tr>
  );
}

function EmptyState({ status, paged }: { status: DeliveryStatus | undefined; paged: boolean }) {
  return (
    <div className="rounded-md border border-dashed border-zinc-300 px-4 py-10 text-center dark:border-zinc-700">
      <p className="font-medium">{paged ? "No older deliveries" : status ? `No ${status} deliveries` : "No webhook deliveries yet"}</p>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {status || paged
          ? "Try another status."
          : "An agent registers a callback with PUT /api/v1/webhook (or an admin runs npm run cli -- agent:webhook); decisions on its proposals then appear here."}
      </p>
      {(status || paged) && (
        <Link href="/admin/webhooks" className={`${link} mt-3 inline-block text-sm`}>
          Show all deliveries
        </Link>
      )}
    </div>
  );
}
