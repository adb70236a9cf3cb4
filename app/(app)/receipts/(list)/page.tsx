import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { requireUser } from "@/lib/auth/current-user";
import { countReceipts, listDecidersAndAgents, listReceipts, type ReceiptRow } from "@/lib/receipts/list-receipts";
import { hasActiveFilters, parseReceiptCursor, parseReceiptFilters, receiptFiltersToSearch, type ReceiptFilters } from "@/lib/receipts/receipt-filters";
import { ago, exact } from "@/lib/format-time";
import { ReceiptFiltersBar } from "./receipt-filters-bar";
import { ChainStatusPanel } from "./chain-status-panel";
import { authMethodLabel, KindBadge } from "../kind-badge";
import { AgentText } from "@/components/agent-text";

export const metadata: Metadata = { title: "Receipts" };

const th = "px-2 py-1.5 text-left text-[11px] font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400";
const td = "px-2 py-1.5 align-top";
const link = "text-blue-700 hover:underline dark:text-blue-400";
const buttonLink =
  "inline-flex h-8 items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800";

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
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-lg font-semibold tracking-tight">Receipts</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The audit trail: one immutable record per proposal, decision and agent change, newest first.
        </p>
        <div className="ml-auto flex items-center gap-2">
          <a href={`/receipts/export${receiptFiltersToSearch(filters, { format: "csv" })}`} className={buttonLink} download>
            Export CSV
          </a>
          <a href={`/receipts/export${receiptFiltersToSearch(filters, { format: "jsonl" })}`} className={buttonLink} download>
            Export JSONL
          </a>
        </div>
      </div>

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
        <EmptyState filters={filters} paged={cursor !== null} />
      ) : (
        <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
          <table className="w-full min-w-[1200px] table-fixed border-collapse text-sm">
            <caption className="sr-only">Receipts matching the filters, newest first</caption>
            <colgroup>
              <col className="w-[92px]" />
              <col className="w-[112px]" />
              <col className="w-[210px]" />
              <col />
              <col className="w-[130px]" />
              <col className="w-[130px]" />
              <col className="w-[180px]" />
              <col className="w-[84px]" />
              <col className="w-[92px]" />
            </colgroup>
            <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
              <tr>
                <th scope="col" className={th}>When</th>
                <th scope="col" className={th}>Kind</th>
                <th scope="col" className={th}>Who</th>
                <th scope="col" className={th}>Proposal</th>
                <th scope="col" className={th}>Queue</th>
                <th scope="col" className={th}>Agent</th>
                <th scope="col" className={th}>Reason</th>
                <th scope="col" className={th}>Batch</th>
                <th scope="col" className={th}>Digest</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
              {page.rows.map((r) => (
                <ReceiptTableRow key={r.seq} row={r} filters={filters} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {page.nextCursor !== null && (
        <nav aria-label="Pagination" className="flex items-center gap-3">
          <Link href={`/receipts${receiptFiltersToSearch(filters, { cursor: String(page.nextCursor) })}`} className={buttonLink}>
            Next page (older receipts) →
          </Link>
          <span className="text-xs text-zinc-500 dark:text-zinc-400">50 per page</span>
        </nav>
      )}
    </div>
  );
}

function ReceiptTableRow({ row: r, filters, now }: { row: ReceiptRow; filters: ReceiptFilters; now: number }) {
  const actor = r.actor;
  return (
    <tr className="hover:bg-zinc-50 dark:hover:bg-zinc-900/60">
      <td className={td}>
        <time dateTime={r.createdAt} title={exact(r.createdAt)} className="block whitespace-nowrap tabular-nums">
          {ago(r.createdAt, now)}
        </time>
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
        {r.proposal?.queue.name ?? <span className="text-zinc-400 dark:text-zinc-500">—</span>}
      </td>
      <td className={`${td} truncate font-mono text-xs`} title={r.agent ?? undefined}>
        {r.agent ?? <span className="text-zinc-400 dark:text-zinc-500">—</span>}
      </td>
      <td className={`${td} text-xs`}>
        {r.reason ? (
          <span className="line-clamp-2 break-words" title={r.reason}>
            {r.reason}
          </span>
        ) : (
          <span className="text-zinc-400 dark:text-zinc-500">—</span>
        )}
      </td>
      <td className={`${td} font-mono text-xs`}>
        {r.batchId ? (
          <Link href={`/receipts${receiptFiltersToSearch({ kind: filters.kind, batch: r.batchId })}`} className={link} title={`Batch ${r.batchId}`} aria-label={`All receipts of batch ${r.batchId}`}>
            {r.batchId.slice(0, 8)}
          </Link>
        ) : (
          <span className="text-zinc-400 dark:text-zinc-500">—</span>
        )}
      </td>
      <td className={`${td} font-mono text-xs`}>
        {r.digest ? (
          <span title={`SHA-256 ${r.digest}`}>{r.digest.slice(0, 10)}</span>
        ) : (
          <span className="text-zinc-400 dark:text-zinc-500">—</span>
        )}
      </td>
    </tr>
  );
}

function EmptyState({ filters, paged }: { filters: ReceiptFilters; paged: boolean }) {
  return (
    <div className="rounded-md border border-dashed border-zinc-300 px-4 py-10 text-center dark:border-zinc-700">
      <p className="font-medium">{paged ? "No older receipts match these filters" : "No receipts match these filters"}</p>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {hasActiveFilters(filters) ? "Try a wider date range or another kind." : "Receipts appear here as agents propose and people decide."}
      </p>
      {(hasActiveFilters(filters) || paged) && (
        <Link href="/receipts" className={`${link} mt-3 inline-block text-sm`}>
          Reset filters
        </Link>
      )}
    </div>
  );
}
