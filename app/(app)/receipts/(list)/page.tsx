import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { requireUser } from "@/lib/auth/current-user";
import { countReceipts, listDecidersAndAgents, listReceipts, type ReceiptRow } from "@/lib/receipts/list-receipts";
import { hasActiveFilters, parseReceiptCursor, parseReceiptFilters, receiptFiltersToSearch, type ReceiptFilters } from "@/lib/receipts/receipt-filters";
import { DataTable, logRow } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { NextPageLink } from "@/components/ui/pagination";
import { PageHeader } from "@/components/ui/page-header";
import { none, TimeAgo } from "@/components/ui/time-ago";
import { buttonLink, link, td } from "@/components/ui/tokens";
import { ReceiptFiltersBar } from "./receipt-filters-bar";
import { ChainStatusPanel } from "./chain-status-panel";
import { authMethodLabel, KindBadge } from "../kind-badge";
import { AgentText } from "@/components/agent-text";

export const metadata: Metadata = { title: "Receipts" };

export default async function ReceiptsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("/receipts");
  const params = await searchParams;
  const filters = parseReceiptFilters(params);
  const cursor = parseReceiptCursor(params);
  const [page, total, options] = await Promise.all([listReceipts(user, filters, cursor), countReceipts(user, filters), listDecidersAndAgents(user)]);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request
  const now = Date.now();

  return (
    <div className="space-y-3">
      <PageHeader
        title="Receipts"
        actions={
          <>
            <a href={`/receipts/export${receiptFiltersToSearch(filters, { format: "csv" })}`} className={buttonLink} download>
              Export CSV
            </a>
            <a href={`/receipts/export${receiptFiltersToSearch(filters, { format: "jsonl" })}`} className={buttonLink} download>
              Export JSONL
            </a>
          </>
        }
      >
        The audit trail: one immutable record per proposal, decision and agent change, newest first.
      </PageHeader>

      <Suspense fallback={<p className="text-sm text-zinc-500 dark:text-zinc-400">Checking the receipt chain…</p>}>
        <ChainStatusPanel />
      </Suspense>

      <ReceiptFiltersBar filters={filters} options={options} />

      <p className="text-sm text-zinc-700 dark:text-zinc-300" role="status">
        <span className="font-medium tabular-nums">{total.toLocaleString("en-US")}</span> {total === 1 ? "receipt matches" : "receipts match"}
        {cursor !== null && page.rows.length > 0 && (
          <>
            {" "}
            · showing #{page.rows[0]!.seq} to #{page.rows.at(-1)!.seq} ·{" "}
            <Link href={`/receipts${receiptFiltersToSearch(filters)}`} className={link}>
              Back to newest
            </Link>
          </>
        )}
        <span className="text-zinc-500 dark:text-zinc-400"> · exports include every match, oldest first</span>
      </p>

      {page.rows.length === 0 ? (
        <ReceiptsEmptyState filters={filters} paged={cursor !== null} />
      ) : (
        <DataTable
          caption="Receipts matching the filters, newest first"
          columns={["When", "Kind", "Who", "Proposal", "Queue", "Agent", "Reason", "Batch", "Digest"]}
          widths={["w-[92px]", "w-[112px]", "w-[210px]", "", "w-[130px]", "w-[130px]", "w-[180px]", "w-[84px]", "w-[92px]"]}
          minWidth="min-w-[1200px]"
          divided
        >
          {page.rows.map((r) => (
            <ReceiptTableRow key={r.seq} row={r} filters={filters} now={now} />
          ))}
        </DataTable>
      )}

      {page.nextCursor !== null && (
        <NextPageLink href={`/receipts${receiptFiltersToSearch(filters, { cursor: String(page.nextCursor) })}`} label="Next page (older receipts)" pageSize={50} />
      )}
    </div>
  );
}

function ReceiptTableRow({ row: r, filters, now }: { row: ReceiptRow; filters: ReceiptFilters; now: number }) {
  const actor = r.actor;
  return (
    <tr className={logRow}>
      <td className={td}>
        <TimeAgo iso={r.createdAt} now={now} className="block whitespace-nowrap tabular-nums" />
        <Link href={`/receipts/${r.id}`} className={`${link} font-mono text-xs`} aria-label={`Receipt ${r.seq}, ${r.kind}`}>
          #{r.seq}
        </Link>
      </td>
      <td className={td}>
        <KindBadge kind={r.kind} />
      </td>
      <td className={td}>
        {actor.type === "user" ? (
          <>
            <div className="truncate font-medium" title={actor.name ?? undefined}>
              {actor.name ?? actor.id}
            </div>
            <div className="truncate text-xs text-zinc-600 dark:text-zinc-400" title={actor.email ?? undefined}>
              {actor.email}
            </div>
            <div className="text-xs text-zinc-500 dark:text-zinc-400">
              {actor.role ?? "role not recorded"} · {authMethodLabel(actor.authMethod) ?? "sign-in not recorded"}
            </div>
          </>
        ) : (
          <>
            <div className="truncate" title={actor.name ?? undefined}>
              {actor.name ?? actor.id}
            </div>
            <div className="text-xs text-zinc-500 dark:text-zinc-400">{actor.type}</div>
          </>
        )}
      </td>
      <td className={td}>
        {r.proposal ? (
          <Link href={`/proposals/${r.proposal.id}`} className={`${link} line-clamp-2 break-words`} title={r.proposal.title}>
            <AgentText text={r.proposal.title} />
          </Link>
        ) : (
          <span className="text-zinc-400 dark:text-zinc-500">no proposal</span>
        )}
      </td>
      <td className={`${td} truncate`} title={r.proposal?.queue.slug}>
        {r.proposal?.queue.name ?? none}
      </td>
      <td className={`${td} truncate font-mono text-xs`} title={r.agent ?? undefined}>
        {r.agent ?? none}
      </td>
      <td className={`${td} text-xs`}>
        {r.reason ? (
          <span className="line-clamp-2 break-words" title={r.reason}>
            {r.reason}
          </span>
        ) : (
          none
        )}
      </td>
      <td className={`${td} font-mono text-xs`}>
        {r.batchId ? (
          <Link href={`/receipts${receiptFiltersToSearch({ kind: filters.kind, batch: r.batchId })}`} className={link} title={`Batch ${r.batchId}`} aria-label={`All receipts of batch ${r.batchId}`}>
            {r.batchId.slice(0, 8)}
          </Link>
        ) : (
          none
        )}
      </td>
      <td className={`${td} font-mono text-xs`}>
        {r.digest ? (
          <span title={`SHA-256 ${r.digest}`}>{r.digest.slice(0, 10)}</span>
        ) : (
          none
        )}
      </td>
    </tr>
  );
}

function ReceiptsEmptyState({ filters, paged }: { filters: ReceiptFilters; paged: boolean }) {
  const filtered = hasActiveFilters(filters);
  return (
    <EmptyState
      title={paged ? "No older receipts match these filters" : "No receipts match these filters"}
      action={filtered || paged ? { href: "/receipts", label: "Reset filters" } : null}
    >
      {filtered ? "Try a wider date range or another kind." : "Receipts appear here as agents propose and people decide."}
    </EmptyState>
  );
}
