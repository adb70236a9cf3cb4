"use client";
// The backlog: the cached, paged list, selection, keyboard triage and batch
// decisions, composed from their hooks; the row and the bar are components.
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { fetchQueuePage, queueKeys } from "@/lib/queries/queue-queries";
import type { QueueFilters } from "@/lib/proposals/queue-filters";
import type { QueuePage } from "@/lib/proposals/list-queue";
import { EmptyState } from "@/components/ui/empty-state";
import { NoticeBanner } from "@/components/ui/notice";
import { BatchBar } from "./batch-bar";
import { QueueRow } from "./queue-row";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { useQueueDecide } from "./use-queue-decide";
import { useQueueKeyboard } from "./use-queue-keyboard";
import { useSelection } from "./use-selection";
import { useViewSelection } from "./use-view-selection";
import { SelectAllMatching } from "./select-all-matching";

export function QueueClient({ filters, initialPage, total, canDecide }: { filters: QueueFilters; initialPage: QueuePage; total: number; canDecide: boolean }) {
  const router = useRouter();
  const query = useInfiniteQuery({
    queryKey: queueKeys.list(filters),
    queryFn: ({ pageParam }) => fetchQueuePage(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [initialPage], pageParams: [null] },
  });
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.rows) ?? [], [query.data]);
  const ids = useMemo(() => rows.map((r) => r.id), [rows]);
  const selection = useSelection(ids);
  const [rejecting, setRejecting] = useState(false);
  // True from the "r" key until the reason box closes (set at once, not on the next render).
  const rejectOpening = useRef(false);
  const [showHelp, setShowHelp] = useState(false);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  // True once React has hydrated: keyboard shortcuts and selection work from then on.
  const hydrated = useSyncExternalStore(noopSubscribe, () => true, () => false);

  const { decide, busy, deciding, notice, dismissNotice } = useQueueDecide(filters, rows, () => {
    selection.clear();
    setRejecting(false);
  });
  // "Select all N matching": while a snapshot of the view stands, Approve and Reject open its confirmation.
  const view = useViewSelection(filters, selection.allSelected, () => selection.clear());
  const reasonOpen = rejecting || view.confirm === "rejected";
  // Every render: the "r" key's early true gives way to what is on screen once it has rendered.
  useEffect(() => {
    rejectOpening.current = reasonOpen;
  });
  const offerView = canDecide && filters.status === "pending" && selection.allSelected && total > rows.length;
  const approve = () => (view.snapshot ? view.setConfirm("approved") : decide(selection.targetIds(), "approved"));
  const reject = (reason: string) => decide(selection.targetIds(), "rejected", reason);
  const selectAllMatching = () => {
    if (!canDecide || filters.status !== "pending" || rows.length === 0) return;
    if (!selection.allSelected) selection.toggleAll();
    view.selectAll();
  };

  useQueueKeyboard({
    move: (by) => {
      const to = Math.max(0, Math.min(rows.length - 1, selection.focus + by));
      selection.setFocus(to);
      rowRefs.current[to]?.scrollIntoView({ block: "nearest" });
    },
    toggle: (shift) => selection.toggle(selection.focus, shift),
    // Keys typed ahead of a reason box that has not opened yet are not decisions:
    // "a" in a reason being typed must never approve (a ref, so the very next key sees it).
    approve: () => {
      if (!rejectOpening.current) approve();
    },
    reject: () => {
      if (view.confirm === "approved") return;
      if (view.snapshot) {
        rejectOpening.current = true;
        view.setConfirm("rejected");
      } else if (canDecide && selection.targetIds().length > 0) {
        rejectOpening.current = true;
        setRejecting(true);
      }
    },
    selectAllMatching,
    open: () => {
      if (rows[selection.focus]) router.push(`/proposals/${rows[selection.focus]!.id}`);
    },
    help: () => setShowHelp(true),
    clear: () => {
      selection.clear();
      view.clear();
    },
  });

  const filtered = filters.queue || filters.tier || filters.risk || filters.agent || filters.q || filters.flag;
  return (
    <div data-queue-ready={hydrated}>
      <BatchBar
        count={view.snapshot ? view.snapshot.count : selection.selected.size}
        canDecide={canDecide}
        busy={busy}
        rejecting={rejecting}
        onApprove={approve}
        onStartReject={() => (view.snapshot ? view.setConfirm("rejected") : setRejecting(true))}
        onCancelReject={() => setRejecting(false)}
        onReject={reject}
        onClear={selection.clear}
        onHelp={() => setShowHelp(true)}
      />
      {(offerView || view.snapshot) && (
        <SelectAllMatching
          pageCount={rows.length}
          total={total}
          snapshot={view.snapshot}
          confirm={view.confirm}
          selecting={view.selecting}
          deciding={view.deciding}
          onSelectAll={view.selectAll}
          onConfirm={view.setConfirm}
          onDecide={view.decide}
          onClear={view.clear}
        />
      )}
      {notice && <NoticeBanner notice={notice} onClose={dismissNotice} />}
      {view.notice && <NoticeBanner notice={view.notice} onClose={view.dismissNotice} />}
      {rows.length === 0 ? (
        <EmptyState size="tall" title={filters.status === "pending" && !filtered ? "Nothing waiting for a decision." : "No proposals match this view."}>
          {filtered ? "Try clearing some filters." : "New proposals from your agents appear here as they arrive."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
          <table className="w-full border-collapse text-sm">
            <thead className="bg-zinc-50 text-left text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <th scope="col" className="w-9 px-3 py-2">
                  <input type="checkbox" aria-label="Select all on this page" checked={selection.allSelected} onChange={selection.toggleAll} className="size-4 accent-blue-700" />
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
                <QueueRow
                  key={row.id}
                  row={row}
                  ref={(el) => {
                    rowRefs.current[index] = el;
                  }}
                  focused={index === selection.focus}
                  selected={selection.selected.has(row.id)}
                  deciding={deciding.has(row.id)}
                  onToggle={(shift) => selection.toggle(index, shift)}
                  onFocus={() => selection.setFocus(index)}
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
