"use client";
// The backlog table: selection (click, shift-click ranges, select all on the
// page), batch approve/reject, keyboard triage, and honest reconciliation with
// what the server actually decided.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { RiskBadge, StatusBadge, TierBadge } from "@/components/ui/badge";
import { ExecutionFlagBadge } from "@/components/execution-flag-badge";
import { secondApproverLabel } from "@/lib/proposals/second-approver-label";
import { ago, exact, until } from "@/lib/format-time";
import { fetchQueuePage, queueKeys } from "@/lib/queries/queue-queries";
import type { QueueFilters } from "@/lib/proposals/queue-filters";
import type { QueuePage, QueueRow } from "@/lib/proposals/list-queue";
import type { DecideResult } from "@/lib/proposals/decide-proposals";
import { decideProposalsAction } from "./actions";
import { BatchBar } from "./batch-bar";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { AgentText } from "@/components/agent-text";

type Notice = { tone: "success" | "warning" | "error"; text: string; details?: string[] };

export function QueueClient({ filters, initialPage, total, canDecide }: { filters: QueueFilters; initialPage: QueuePage; total: number; canDecide: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const key = queueKeys.list(filters);
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => fetchQueuePage(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [initialPage], pageParams: [null] },
  });
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.rows) ?? [], [query.data]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState(0);
  const [anchor, setAnchor] = useState<number | null>(null);
  const [deciding, setDeciding] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [showHelp, setShowHelp] = useState(false);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  // True once React has hydrated: keyboard shortcuts and selection work from then on.
  const hydrated = useSyncExternalStore(noopSubscribe, () => true, () => false);

  const decide = useMutation({
    mutationFn: async (input: { ids: string[]; outcome: "approved" | "rejected"; reason?: string }) => {
      // Send the version each row showed: the server refuses a vote on a plan edited since.
      const shown = new Map(rows.map((row) => [row.id, row.version]));
      const versions = Object.fromEntries(input.ids.filter((id) => shown.has(id)).map((id) => [id, shown.get(id)!]));
      const result = await decideProposalsAction({ ...input, versions });
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    onMutate: ({ ids }) => {
      setDeciding(new Set(ids));
      setNotice(null);
    },
    onSuccess: (result) => {
      reconcile(result);
      setSelected(new Set());
      setRejecting(false);
      router.refresh(); // counts per status
    },
    onError: (error) => setNotice({ tone: "error", text: error instanceof Error ? error.message : "The decision failed." }),
    onSettled: () => setDeciding(new Set()),
  });

  /** Apply what the server really did: decided rows leave a status-filtered view; skipped ones stay, explained. */
  function reconcile(result: DecideResult) {
    const decided = new Set(result.decided.map((d) => d.id));
    const recorded = new Map(result.recorded.map((r) => [r.id, r]));
    queryClient.setQueryData<InfiniteData<QueuePage, string | null>>(key, (data) => {
      if (!data) return data;
      return {
        ...data,
        pages: data.pages.map((page) => ({
          ...page,
          rows: page.rows
            .filter((row) => filters.status === "all" || !(decided.has(row.id) && filters.status !== result.outcome))
            .map((row) => {
              if (decided.has(row.id)) return { ...row, status: result.outcome, approvals: { ...row.approvals, count: row.approvals.count + (result.outcome === "approved" ? 1 : 0) } };
              const vote = recorded.get(row.id);
              return vote ? { ...row, approvals: { count: vote.approvals, required: vote.required } } : row;
            }),
        })),
      };
    });
    const verb = result.outcome === "approved" ? "Approved" : "Rejected";
    const parts = [`${verb} ${result.decided.length} ${result.decided.length === 1 ? "proposal" : "proposals"}.`];
    if (result.recorded.length > 0) {
      parts.push(`Your approval was recorded on ${result.recorded.length} ${result.recorded.length === 1 ? "proposal that needs" : "proposals that need"} more approvers.`);
    }
    if (result.skipped.length > 0) parts.push(`${result.skipped.length} not decided.`);
    setNotice({
      tone: result.skipped.length > 0 ? "warning" : "success",
      text: parts.join(" "),
      details: [
        ...result.recorded.map((r) => `${r.title}: ${r.approvals} of ${r.required} approvals.`),
        ...result.skipped.map((s) => `${s.title ?? s.id}: ${s.message}`),
      ],
    });
    void queryClient.invalidateQueries({ queryKey: queueKeys.all, refetchType: "none" });
  }

  const targetIds = useCallback((): string[] => {
    if (selected.size > 0) return [...selected];
    const row = rows[focus];
    return row ? [row.id] : [];
  }, [selected, rows, focus]);

  function toggle(index: number, shift: boolean) {
    const row = rows[index];
    if (!row) return;
    setSelected((current) => {
      const next = new Set(current);
      if (shift && anchor !== null) {
        const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
        const on = !current.has(row.id);
        for (let i = from; i <= to; i++) {
          const id = rows[i]!.id;
          if (on) next.add(id);
          else next.delete(id);
        }
      } else if (next.has(row.id)) next.delete(row.id);
      else next.add(row.id);
      return next;
    });
    setAnchor(index);
    setFocus(index);
  }

  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  function toggleAll() {
    setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)));
  }

  function approve() {
    const ids = targetIds();
    if (ids.length > 0 && !decide.isPending) decide.mutate({ ids, outcome: "approved" });
  }
  function reject(reason: string) {
    const ids = targetIds();
    if (ids.length > 0 && !decide.isPending) decide.mutate({ ids, outcome: "rejected", reason });
  }

  // Keyboard triage: j/k move, x select, a approve, r reject, Enter open, ? help, / search.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (target.closest("input, textarea, select, [contenteditable=true], dialog")) return;
      const move = (to: number) => {
        const clamped = Math.max(0, Math.min(rows.length - 1, to));
        setFocus(clamped);
        rowRefs.current[clamped]?.scrollIntoView({ block: "nearest" });
      };
      switch (event.key) {
        case "j":
        case "ArrowDown":
          move(focus + 1);
          break;
        case "k":
        case "ArrowUp":
          move(focus - 1);
          break;
        case "x":
          toggle(focus, event.shiftKey);
          break;
        case "a":
          approve();
          break;
        case "r":
          if (canDecide && targetIds().length > 0) setRejecting(true);
          break;
        case "Enter":
          if (rows[focus]) router.push(`/proposals/${rows[focus]!.id}`);
          break;
        case "?":
          setShowHelp(true);
          break;
        case "/":
          (document.querySelector("[data-shortcut-search]") as HTMLInputElement | null)?.focus();
          break;
        case "Escape":
          setSelected(new Set());
          break;
        default:
          return;
      }
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <div data-queue-ready={hydrated}>
      <BatchBar
        count={selected.size}
        canDecide={canDecide}
        busy={decide.isPending}
        rejecting={rejecting}
        onApprove={approve}
        onStartReject={() => setRejecting(true)}
        onCancelReject={() => setRejecting(false)}
        onReject={reject}
        onClear={() => setSelected(new Set())}
        onHelp={() => setShowHelp(true)}
        shownCount={rows.length}
        total={total}
      />
      {notice && <NoticeBanner notice={notice} onClose={() => setNotice(null)} />}
      {rows.length === 0 ? (
        <EmptyState filters={filters} />
      ) : (
        <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
          <table className="w-full border-collapse text-sm">
            <thead className="bg-zinc-50 text-left text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <th scope="col" className="w-9 px-3 py-2">
                  <input type="checkbox" aria-label="Select all on this page" checked={allSelected} onChange={toggleAll} className="size-4 accent-blue-700" />
                </th>
                <th scope="col" className="px-2 py-2">Proposal</th>
                <th scope="col" className="px-2 py-2">Agent</th>
                <th scope="col" className="px-2 py-2">Acting for</th>
                <th scope="col" className="px-2 py-2">Tier · risk</th>
                <th scope="col" className="px-2 py-2">Status</th>
                <th scope="col" className="px-2 py-2 text-right">Age</th>
                <th scope="col" className="px-3 py-2 text-right">Expires</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <Row
                  key={row.id}
                  row={row}
                  ref={(el) => {
                    rowRefs.current[index] = el;
                  }}
                  focused={index === focus}
                  selected={selected.has(row.id)}
                  deciding={deciding.has(row.id)}
                  onToggle={(shift) => toggle(index, shift)}
                  onFocus={() => setFocus(index)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-3 flex items-center justify-between text-sm text-zinc-600 dark:text-zinc-400">
        <span>
          Showing {rows.length.toLocaleString("en-US")} of {total.toLocaleString("en-US")}
        </span>
        {query.hasNextPage && (
          <button
            type="button"
            onClick={() => query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
            className="rounded-md border border-zinc-300 px-3 py-1.5 hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-900"
          >
            {query.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        )}
        {query.isError && <span role="alert" className="text-red-700 dark:text-red-400">{(query.error as Error).message}</span>}
      </div>
      {showHelp && <ShortcutsDialog onClose={() => setShowHelp(false)} />}
    </div>
  );
}

const noopSubscribe = () => () => {};

type RowProps = {
  row: QueueRow;
  focused: boolean;
  selected: boolean;
  deciding: boolean;
  onToggle: (shift: boolean) => void;
  onFocus: () => void;
  ref: (el: HTMLTableRowElement | null) => void;
};

function Row({ row, focused, selected, deciding, onToggle, onFocus, ref }: RowProps) {
  return (
    <tr
      ref={ref}
      onClick={onFocus}
      aria-selected={selected}
      data-focused={focused || undefined}
      className={`border-t border-zinc-100 dark:border-zinc-800/80 ${selected ? "bg-blue-50 dark:bg-blue-950/40" : "hover:bg-zinc-50 dark:hover:bg-zinc-900/60"} ${
        focused ? "outline outline-2 -outline-offset-2 outline-blue-500/60" : ""
      } ${deciding ? "opacity-50" : ""}`}
    >
      <td className="px-3 py-2 align-top">
        <input
          type="checkbox"
          aria-label={`Select ${row.title}`}
          checked={selected}
          onChange={() => {}}
          onClick={(e) => {
            e.stopPropagation();
            onToggle(e.shiftKey);
          }}
          className="size-4 accent-blue-700"
        />
      </td>
      <td className="max-w-[36rem] px-2 py-2 align-top">
        <Link href={`/proposals/${row.id}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
          <AgentText text={row.title} />
        </Link>
        <div className="mt-0.5 truncate text-xs text-zinc-500">
          <code>
            <AgentText text={row.intent} />
          </code>{" "}
          · {row.queue.name}
        </div>
      </td>
      <td className="px-2 py-2 align-top">
        <div className="text-zinc-800 dark:text-zinc-200">{row.agent.name}</div>
        {row.agent.model && (
          <div className="text-xs text-zinc-500">
            <AgentText text={row.agent.model} />
          </div>
        )}
      </td>
      <td className="px-2 py-2 align-top">
        <div className="text-zinc-800 dark:text-zinc-200">
          <AgentText text={row.actor.name ?? row.actor.id} />
        </div>
        {row.actor.email && (
          <div className="text-xs text-zinc-500">
            <AgentText text={row.actor.email} />
          </div>
        )}
      </td>
      <td className="px-2 py-2 align-top">
        <div className="flex flex-wrap gap-1">
          <TierBadge tier={row.tier} />
          <RiskBadge risk={row.risk} />
        </div>
      </td>
      <td className="px-2 py-2 align-top">
        {deciding ? <span className="text-xs text-zinc-500">deciding…</span> : <StatusBadge status={row.status} />}
        {row.status === "pending" && row.approvals.required > 1 && (
          <div className="mt-0.5 whitespace-nowrap text-xs text-zinc-600 dark:text-zinc-400">
            {row.approvals.count} of {row.approvals.required} approvals
          </div>
        )}
        {row.status === "pending" && row.secondApprover && (
          <div className="mt-0.5 text-xs font-medium text-amber-800 dark:text-amber-300" title="The commit step's arguments were edited; someone other than the editor must approve.">
            {secondApproverLabel(row.secondApprover)}
          </div>
        )}
        {row.executionFlag && (
          <div className="mt-0.5">
            <ExecutionFlagBadge flag={row.executionFlag} />
          </div>
        )}
      </td>
      <td className="whitespace-nowrap px-2 py-2 text-right align-top tabular-nums text-zinc-600 dark:text-zinc-400" title={exact(row.createdAt)} suppressHydrationWarning>
        {ago(row.createdAt)}
      </td>
      <td className="whitespace-nowrap px-3 py-2 text-right align-top tabular-nums text-zinc-600 dark:text-zinc-400" title={row.expiresAt ? exact(row.expiresAt) : undefined} suppressHydrationWarning>
        {until(row.expiresAt)}
      </td>
    </tr>
  );
}

function NoticeBanner({ notice, onClose }: { notice: Notice; onClose: () => void }) {
  const tone = {
    success: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
    warning: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
    error: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  }[notice.tone];
  return (
    <div role={notice.tone === "error" ? "alert" : "status"} className={`mb-2 flex items-start justify-between gap-3 rounded-md border px-3 py-2 text-sm ${tone}`}>
      <div>
        <p className="font-medium">{notice.text}</p>
        {notice.details && notice.details.length > 0 && (
          <ul className="mt-1 list-disc pl-5">
            {notice.details.slice(0, 8).map((d) => (
              <li key={d}>{d}</li>
            ))}
            {notice.details.length > 8 && <li>…and {notice.details.length - 8} more</li>}
          </ul>
        )}
      </div>
      <button type="button" onClick={onClose} aria-label="Dismiss" className="text-lg leading-none opacity-70 hover:opacity-100">
        ×
      </button>
    </div>
  );
}

function EmptyState({ filters }: { filters: QueueFilters }) {
  const filtered = filters.queue || filters.tier || filters.risk || filters.agent || filters.q || filters.flag;
  return (
    <div className="rounded-md border border-dashed border-zinc-300 px-6 py-16 text-center dark:border-zinc-700">
      <p className="font-medium">{filters.status === "pending" && !filtered ? "Nothing waiting for a decision." : "No proposals match this view."}</p>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {filtered ? "Try clearing some filters." : "New proposals from your agents appear here as they arrive."}
      </p>
    </div>
  );
}
