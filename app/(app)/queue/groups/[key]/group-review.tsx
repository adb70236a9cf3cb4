"use client";
// One look-alike group: what is the same once (the plan, the tools, the
// unchanging values), what differs as a sortable table with outliers marked,
// and Approve / Reject for the whole group or a selection, through the same
// batch decision as the queue (each item's rights, quorum, separation of
// duties and receipts are checked by the server).
import Link from "next/link";
import { useState } from "react";
import type { LookAlikeGroupDetail } from "@/lib/proposals/look-alike-groups";
import type { Notice } from "@/components/ui/notice";
import { NoticeBanner } from "@/components/ui/notice";
import { Badge } from "@/components/ui/badge";
import { REJECT_PLACEHOLDER, ReasonForm } from "@/components/ui/reason-form";
import { approveButton, inlineLink, link, muted, rejectButton, th, td } from "@/components/ui/tokens";
import { AgentText } from "@/components/agent-text";
import { useDecideProposals } from "../../../proposals/use-decision-mutations";
import { decisionNotice } from "../../reconcile-decision";
import { useGroupTable } from "./use-group-table";

type Props = { group: LookAlikeGroupDetail; canDecide: boolean };

export function GroupReview({ group, canDecide }: Props) {
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const rows = group.rows.filter((r) => !removed.has(r.id));
  const table = useGroupTable(rows);
  const [rejecting, setRejecting] = useState(false);
  const [notice, setNotice] = useState<(Notice & { batchId?: string }) | null>(null);
  const mutation = useDecideProposals({
    onMutate: () => setNotice(null),
    onSuccess: (result) => {
      // Decided items leave the group; skipped and quorum-pending ones stay, explained.
      setRemoved((r) => new Set([...r, ...result.decided.map((d) => d.id)]));
      setNotice({ ...decisionNotice(result), batchId: result.batchId });
      setRejecting(false);
      table.clear();
    },
    onError: (error) => setNotice({ tone: "error", text: error.message || "The decision failed." }),
  });
  const targets = table.selectedIds.length > 0 ? table.selectedIds : rows.map((r) => r.id);
  const what = table.selectedIds.length > 0 ? `${table.selectedIds.length} selected` : `all ${rows.length}`;
  function decide(outcome: "approved" | "rejected", reason?: string) {
    const versions = Object.fromEntries(rows.filter((r) => targets.includes(r.id)).map((r) => [r.id, r.version]));
    mutation.mutate({ ids: targets, outcome, reason, versions });
  }
  const disabled = !canDecide || mutation.isPending || rows.length === 0;

  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-lg font-semibold tracking-tight">
          <AgentText text={group.title} /> · {rows.length} {rows.length === 1 ? "proposal" : "proposals"}
        </h1>
        <p className={`text-sm ${muted}`}>
          By <AgentText text={group.agent} /> in <AgentText text={group.queue.name} />: the same action with different values.{" "}
          {group.truncated && "Showing the oldest 500; decide them to see the rest."}
        </p>
      </header>

      <section aria-labelledby="same-heading" className="space-y-2">
        <h2 id="same-heading" className="text-sm font-semibold">
          The same in every proposal
        </h2>
        <ol className="space-y-1 text-sm">
          {group.plan.map((step, i) => (
            <li key={i} className="rounded border border-zinc-200 px-2 py-1 dark:border-zinc-800">
              <span className="font-medium">
                {i + 1}. <AgentText text={step.title} />
              </span>{" "}
              <code className="font-mono text-xs">
                <AgentText text={step.tool} />
              </code>{" "}
              <Badge tone={step.scope.endsWith(":commit") ? "critical" : "neutral"}>{step.scope}</Badge>
              {step.args.length > 0 && (
                <span className={`ml-2 font-mono text-xs ${muted}`}>
                  {step.args.map((a, j) => (
                    <span key={a.name}>
                      {j > 0 && ", "}
                      {a.name}: {a.differs ? <em className="not-italic text-amber-800 dark:text-amber-300">differs</em> : <AgentText text={JSON.stringify(a.value)} />}
                    </span>
                  ))}
                </span>
              )}
            </li>
          ))}
        </ol>
        {group.same.length > 0 && (
          <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
            {group.same.map((s) => (
              <div key={s.path} className="contents">
                <dt className={`font-mono ${muted}`}>{s.path}</dt>
                <dd className="font-mono">
                  <AgentText text={String(s.value)} />
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      <div className="sticky top-12 z-10 rounded-md border border-zinc-200 bg-white/95 px-3 py-2 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/95" role="region" aria-label="Group decision">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="min-w-40 text-zinc-700 dark:text-zinc-300" aria-live="polite">
            {table.selectedIds.length > 0 ? `${table.selectedIds.length} selected` : "No selection: decides the whole group"}
          </span>
          <button type="button" className={approveButton} disabled={disabled} onClick={() => decide("approved")}>
            Approve {what}
          </button>
          <button type="button" className={rejectButton} disabled={disabled} onClick={() => setRejecting(true)}>
            Reject {what}
          </button>
          {mutation.isPending && <span role="status" className={muted}>Deciding…</span>}
          {!canDecide && <span className={muted}>You are a viewer: you can review but not decide.</span>}
        </div>
        {rejecting && (
          <ReasonForm
            id="group-reject-reason"
            label="Reason"
            placeholder={REJECT_PLACEHOLDER}
            submitLabel="Confirm rejection"
            submitClass={rejectButton}
            className="mt-2"
            busy={mutation.isPending}
            onSubmit={(reason) => decide("rejected", reason)}
            onCancel={() => setRejecting(false)}
          />
        )}
      </div>
      {notice && (
        <div>
          <NoticeBanner notice={notice} onClose={() => setNotice(null)} />
          {notice.batchId && (
            <Link href={`/receipts?kind=all&batch=${encodeURIComponent(notice.batchId)}`} className={`${inlineLink} text-sm`}>
              Receipts of this decision
            </Link>
          )}
        </div>
      )}

      <section aria-labelledby="differs-heading" className="space-y-1">
        <h2 id="differs-heading" className="text-sm font-semibold">
          What differs
        </h2>
        <p className={`text-xs ${muted}`}>
          Marked: a number far from the group&apos;s others (over 3× the median, or a robust z-score above 3.5), and a {group.columns.some((c) => c.party) ? "vendor or recipient" : "party"} never seen in the {group.approvedBefore} earlier approved proposals of this shape.
        </p>
        <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">Values that differ between the proposals of this group; column headers sort.</caption>
            <thead className="bg-zinc-50 dark:bg-zinc-900">
              <tr>
                <th scope="col" className="w-9 px-3 py-2">
                  <input type="checkbox" aria-label="Select all in this group" checked={table.allSelected} onChange={table.toggleAll} className="size-4 accent-blue-700" />
                </th>
                <SortHeader label="Proposal" sortKey="title" table={table} />
                {group.columns.map((c) => (
                  <SortHeader key={c.key} label={c.label} title={c.paths.join(", ")} sortKey={c.key} numeric={c.numeric} table={table} />
                ))}
              </tr>
            </thead>
            <tbody>
              {table.sorted.map((row) => (
                <tr key={row.id} className={`border-t border-zinc-100 dark:border-zinc-900 ${table.isSelected(row.id) ? "bg-blue-50 dark:bg-blue-950/40" : ""}`}>
                  <td className="px-3 py-1.5 align-top">
                    <input type="checkbox" aria-label={`Select ${row.title}`} checked={table.isSelected(row.id)} onChange={() => table.toggle(row.id)} className="size-4 accent-blue-700" />
                  </td>
                  <td className={td}>
                    <Link href={`/proposals/${row.id}`} className={link}>
                      <AgentText text={row.title} />
                    </Link>
                    {row.approvals.required > 1 && <span className={`ml-1 text-xs ${muted}`}>{row.approvals.count} of {row.approvals.required} approvals</span>}
                  </td>
                  {group.columns.map((c) => {
                    const cell = row.cells[c.key]!;
                    return (
                      <td key={c.key} className={`${td} ${c.numeric ? "text-right tabular-nums" : ""}`} data-column={c.label} data-outlier={cell.outlier || undefined} data-first-time={cell.firstTime || undefined}>
                        <span className="font-mono text-xs">
                          <AgentText text={cell.text} />
                        </span>
                        {cell.outlier && (
                          <Badge tone="dangerStrong" className="ml-1" title="Far from the group's other values">
                            outlier
                          </Badge>
                        )}
                        {cell.firstTime && (
                          <Badge tone="warning" className="ml-1" title="Never in an earlier approved proposal of this shape">
                            first time
                          </Badge>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {rows.length === 0 && <p className={`text-sm ${muted}`}>Every proposal of this group is decided.</p>}
      </section>
    </div>
  );
}

function SortHeader({ label, title, sortKey, numeric, table }: { label: string; title?: string; sortKey: string; numeric?: boolean; table: ReturnType<typeof useGroupTable> }) {
  const active = table.sort?.key === sortKey ? table.sort.direction : undefined;
  return (
    <th scope="col" aria-sort={active ?? "none"} className={`${th} ${numeric ? "text-right" : ""}`} title={title}>
      <button type="button" onClick={() => table.sortBy(sortKey)} className="inline-flex items-center gap-1 uppercase hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:text-zinc-100">
        {label}
        <span aria-hidden="true">{active === "ascending" ? "▲" : active === "descending" ? "▼" : "↕"}</span>
      </button>
    </th>
  );
}
