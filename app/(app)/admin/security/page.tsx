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
import { DataTable, logRow } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { NextPageLink } from "@/components/ui/pagination";
import { PageHeader } from "@/components/ui/page-header";
import { none, TimeAgo } from "@/components/ui/time-ago";
import { Badge } from "@/components/ui/badge";
import { link, td } from "@/components/ui/tokens";
import { SecurityFiltersBar } from "./security-filters-bar";

export const metadata: Metadata = { title: "Security log" };

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
      <PageHeader title="Security log" level={2}>
        Every refused attempt: who tried, what, on what, and which rule refused it. Newest first.
      </PageHeader>

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
        <SecurityEmptyState filters={filters} paged={cursor !== null} />
      ) : (
        <DataTable
          caption="Refused attempts matching the filters, newest first"
          columns={["When", "Who", "What", "Target", "Code", "Rule", "Message", "IP"]}
          widths={["w-[96px]", "w-[200px]", "w-[190px]", "w-[150px]", "w-[150px]", "w-[150px]", "", "w-[110px]"]}
          minWidth="min-w-[1200px]"
          divided
        >
          {page.rows.map((row) => (
            <EventRow key={row.id} row={row} now={now} />
          ))}
        </DataTable>
      )}

      {page.next !== null && (
        <NextPageLink
          href={`/admin/security${securityFiltersToSearch(filters, { cursor: encodeSecurityCursor(page.next) })}`}
          label="Next page (older refusals)"
          pageSize={SECURITY_PAGE_SIZE}
        />
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
    <tr className={logRow}>
      <td className={td}>
        <TimeAgo iso={row.createdAt} now={now} className="block whitespace-nowrap tabular-nums" />
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
        <Badge tone="danger" size="md" mono>
          {row.code}
        </Badge>
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

function SecurityEmptyState({ filters, paged }: { filters: SecurityFilters; paged: boolean }) {
  const filtered = hasActiveSecurityFilters(filters);
  return (
    <EmptyState
      title={paged ? "No older refusals match these filters" : filtered ? "No refusals match these filters" : "No refused attempts yet"}
      action={filtered || paged ? { href: "/admin/security", label: "Reset filters" } : null}
    >
      {filtered
        ? "Try a wider date range, another code or clear “Who”."
        : "Failed sign-ins, calls without a valid session or key, and attempts outside someone’s role or an agent’s grant appear here."}
    </EmptyState>
  );
}
