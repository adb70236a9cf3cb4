import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { countSecurityEvents, listSecurityCodes, listSecurityEvents, SECURITY_PAGE_SIZE, type SecurityEventRow } from "@/lib/security/list-security-events";
import {
  encodeSecurityCursor,
  hasActiveSecurityFilters,
  parseSecurityCursor,
  parseSecurityFilters,
  securityFiltersToSearch,
  type SecurityFilters,
} from "@/lib/security/security-filters";
import { ago, exact } from "@/lib/format-time";
import { SecurityFiltersBar } from "./security-filters-bar";

export const metadata: Metadata = { title: "Security log" };

const th = "px-2 py-1.5 text-left text-[11px] font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400";
const td = "px-2 py-1.5 align-top";
const link = "text-blue-700 hover:underline dark:text-blue-400";
const none = <span className="text-zinc-400 dark:text-zinc-500">—</span>;
const buttonLink =
  "inline-flex h-8 items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800";

export default async function SecurityLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireAdminPage("/admin/security");
  const params = await searchParams;
  const filters = parseSecurityFilters(params);
  const cursor = parseSecurityCursor(params);
  const [page, total, codes] = await Promise.all([
    listSecurityEvents(user, filters, cursor),
    countSecurityEvents(user, filters),
    listSecurityCodes(user),
  ]);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request
  const now = Date.now();

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h2 className="text-lg font-semibold tracking-tight">Security log</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Every refused attempt: who tried, what, on what, and which rule refused it. Newest first.
        </p>
      </div>

      <SecurityFiltersBar filters={filters} codes={codes} />

      <p className="text-sm text-zinc-700 dark:text-zinc-300" role="status">
        <span className="font-medium tabular-nums">{total.toLocaleString("en-US")}</span> {total === 1 ? "refusal matches" : "refusals match"}
        {cursor !== null && (
          <>
            {" "}
            ·{" "}
            <Link href={`/admin/security${securityFiltersToSearch(filters)}`} className={link}>
              Back to newest
            </Link>
          </>
        )}
      </p>

      {page.rows.length === 0 ? (
        <EmptyState filters={filters} paged={cursor !== null} />
      ) : (
        <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
          <table className="w-full min-w-[1200px] table-fixed border-collapse text-sm">
            <caption className="sr-only">Refused attempts matching the filters, newest first</caption>
            <colgroup>
              <col className="w-[96px]" />
              <col className="w-[200px]" />
              <col className="w-[190px]" />
              <col className="w-[150px]" />
              <col className="w-[150px]" />
              <col className="w-[150px]" />
              <col />
              <col className="w-[110px]" />
            </colgroup>
            <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
              <tr>
                <th scope="col" className={th}>When</th>
                <th scope="col" className={th}>Who</th>
                <th scope="col" className={th}>What</th>
                <th scope="col" className={th}>Target</th>
                <th scope="col" className={th}>Code</th>
                <th scope="col" className={th}>Rule</th>
                <th scope="col" className={th}>Message</th>
                <th scope="col" className={th}>IP</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
              {page.rows.map((row) => (
                <EventRow key={row.id} row={row} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {page.next !== null && (
        <nav aria-label="Pagination" className="flex items-center gap-3">
          <Link href={`/admin/security${securityFiltersToSearch(filters, { cursor: encodeSecurityCursor(page.next) })}`} className={buttonLink}>
            Next page (older refusals) →
          </Link>
          <span className="text-xs text-zinc-500 dark:text-zinc-400">{SECURITY_PAGE_SIZE} per page</span>
        </nav>
      )}
    </div>
  );
}

function actorDetail(actor: SecurityEventRow["actor"]): string {
  if (actor.type === "user") return `user · ${actor.detail ?? "role not recorded"}`;
  if (actor.type === "anonymous") return "no session or key";
  return actor.type;
}

function EventRow({ row, now }: { row: SecurityEventRow; now: number }) {
  return (
    <tr className="hover:bg-zinc-50 dark:hover:bg-zinc-900/60">
      <td className={td}>
        <time dateTime={row.createdAt} title={exact(row.createdAt)} className="block whitespace-nowrap tabular-nums">
          {ago(row.createdAt, now)}
        </time>
      </td>
      <td className={td}>
        <div className="truncate font-medium" title={row.actor.id ?? undefined}>
          {row.actor.label}
        </div>
        <div className="text-xs text-zinc-500 dark:text-zinc-400">{actorDetail(row.actor)}</div>
      </td>
      <td className={`${td} break-words font-mono text-xs`}>{row.action}</td>
      <td className={`${td} truncate font-mono text-xs`} title={row.target ?? undefined}>
        {row.target ?? none}
      </td>
      <td className={td}>
        <span className="inline-flex rounded bg-red-50 px-1.5 py-0.5 font-mono text-xs text-red-800 ring-1 ring-red-200 dark:bg-red-950/40 dark:text-red-300 dark:ring-red-900">
          {row.code}
        </span>
      </td>
      <td className={`${td} break-words font-mono text-xs`}>{row.rule ?? none}</td>
      <td className={`${td} text-xs`}>
        <span className="line-clamp-3 break-words" title={row.message}>
          {row.message}
        </span>
      </td>
      <td className={`${td} truncate font-mono text-xs`}>{row.ip ?? none}</td>
    </tr>
  );
}

function EmptyState({ filters, paged }: { filters: SecurityFilters; paged: boolean }) {
  return (
    <div className="rounded-md border border-dashed border-zinc-300 px-4 py-10 text-center dark:border-zinc-700">
      <p className="font-medium">{paged ? "No older refusals match these filters" : hasActiveSecurityFilters(filters) ? "No refusals match these filters" : "No refused attempts yet"}</p>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {hasActiveSecurityFilters(filters)
          ? "Try a wider date range, another code or clear “Who”."
          : "Failed sign-ins, calls without a valid session or key, and attempts outside someone’s role or an agent’s grant appear here."}
      </p>
      {(hasActiveSecurityFilters(filters) || paged) && (
        <Link href="/admin/security" className={`${link} mt-3 inline-block text-sm`}>
          Reset filters
        </Link>
      )}
    </div>
  );
}
