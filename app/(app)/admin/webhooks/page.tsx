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
import { DataTable, logRow } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { NextPageLink } from "@/components/ui/pagination";
import { PageHeader } from "@/components/ui/page-header";
import { none } from "@/components/ui/time-ago";
import { Badge } from "@/components/ui/badge";
import { link, td, type Tone } from "@/components/ui/tokens";
import { PillLink } from "@/components/ui/pill-link";
import { RetryButton } from "./retry-button";

export const metadata: Metadata = { title: "Webhook deliveries" };

const STATUS_TONE: Record<string, Tone> = { pending: "warning", delivered: "success", failed: "danger" };

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
      <PageHeader title="Webhook deliveries">
        Signed events sent to agents&apos; callback URLs, newest first. Failures are retried with backoff; a delivery that keeps failing ends as failed.
      </PageHeader>

      <nav aria-label="Filter by status" className="flex flex-wrap gap-1 text-sm">
        {[undefined, ...DELIVERY_STATUSES].map((s) => {
          const current = s === status;
          const count = s ? counts[s] : total;
          return (
            <PillLink key={s ?? "all"} href={href(s)} isCurrent={current} variant="outlined">
              {s ? s[0]!.toUpperCase() + s.slice(1) : "All"} <span className="tabular-nums opacity-75">{count.toLocaleString("en-US")}</span>
            </PillLink>
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
        <DeliveriesEmptyState status={status} paged={cursor !== null} />
      ) : (
        <DataTable
          caption={`Webhook deliveries${status ? ` with status ${status}` : ""}, newest first`}
          columns={["Queued", "Agent", "Event", "Proposal", "Status", "Attempts", "Last response", "Next attempt", "Delivered", { label: <span className="sr-only">Actions</span> }]}
          widths={["w-[96px]", "w-[190px]", "w-[170px]", "w-[120px]", "w-[100px]", "w-[72px]", "", "w-[110px]", "w-[110px]", "w-[120px]"]}
          minWidth="min-w-[1200px]"
          divided
        >
          {page.rows.map((row) => (
            <DeliveryTableRow key={row.id} row={row} now={now} />
          ))}
        </DataTable>
      )}

      {page.next && <NextPageLink href={href(status, encodeDeliveryCursor(page.next))} label="Next page (older deliveries)" pageSize={DELIVERIES_PAGE_SIZE} />}
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
    <tr className={logRow}>
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
        <Badge tone={STATUS_TONE[row.status] ?? "neutral"} size="md" className="font-medium">
          {row.sending ? "sending" : row.status}
        </Badge>
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

function DeliveriesEmptyState({ status, paged }: { status: DeliveryStatus | undefined; paged: boolean }) {
  return (
    <EmptyState
      title={paged ? "No older deliveries" : status ? `No ${status} deliveries` : "No webhook deliveries yet"}
      action={status || paged ? { href: "/admin/webhooks", label: "Show all deliveries" } : null}
    >
      {status || paged
        ? "Try another status."
        : "An agent registers a callback with PUT /api/v1/webhook (or an admin runs npm run cli -- agent:webhook); decisions on its proposals then appear here."}
    </EmptyState>
  );
}
