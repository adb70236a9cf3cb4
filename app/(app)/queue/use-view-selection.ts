"use client";
// "Select all N matching": asks the server for a signed snapshot of the view
// (lib/proposals/view-snapshot.ts), holds it while every row on the page stays
// selected, and decides exactly that snapshot. The browser never sends ids or
// counts of its own here: only the snapshot token the server gave it.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/actions/authed-action";
import type { QueueFilters } from "@/lib/proposals/queue-filters";
import { queueKeys } from "@/lib/queries/queue-queries";
import type { Notice } from "@/components/ui/notice";
import { decideViewAction, snapshotViewAction } from "./actions";
import { decisionNotice } from "./reconcile-decision";

type Snapshot = Awaited<ReturnType<typeof snapshotViewAction>> extends ActionResult<infer T> ? T : never;
type ViewResult = Awaited<ReturnType<typeof decideViewAction>> extends ActionResult<infer T> ? T : never;
export type ViewSnapshot = Snapshot;
/** Which confirmation is open: approving the snapshot, or rejecting it (with a reason). */
export type ViewConfirm = "approved" | "rejected" | null;

function unwrap<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

/** The outcome banner of a view decision: the batch's notice, plus what arrived after the snapshot. */
export function viewDecisionNotice(result: ViewResult): Notice {
  const notice = decisionNotice(result);
  if (result.leftOut.count === 0) return notice;
  const noun = result.leftOut.count === 1 ? "proposal arrived" : "proposals arrived";
  return {
    tone: "warning",
    text: `${notice.text} ${result.leftOut.count} ${noun} after you selected and ${result.leftOut.count === 1 ? "was" : "were"} left alone.`,
    details: [...(notice.details ?? []), ...result.leftOut.items.map((i) => `${i.title}: arrived after you selected; not decided.`)],
  };
}

/** `pageSelected`: every row on the page is selected; the snapshot counts only while it is. */
export function useViewSelection(filters: QueueFilters, pageSelected: boolean, onDecided: () => void) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [confirm, setConfirm] = useState<ViewConfirm>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const take = useMutation({
    mutationFn: async () => unwrap(await snapshotViewAction({ filters })),
    onMutate: () => setNotice(null),
    onSuccess: (data) => {
      setSnapshot(data);
      setConfirm(null);
    },
    onError: (error) => setNotice({ tone: "error", text: error.message || "Selecting the view failed." }),
  });

  const decide = useMutation({
    mutationFn: async (input: { outcome: "approved" | "rejected"; reason?: string }) => unwrap(await decideViewAction({ token: snapshot!.token, ...input })),
    onSuccess: (result) => {
      setNotice(viewDecisionNotice(result));
      setSnapshot(null);
      setConfirm(null);
      onDecided();
      // Rows far past the loaded pages were decided: reload the list and the counts.
      void queryClient.invalidateQueries({ queryKey: queueKeys.all });
      router.refresh();
    },
    onError: (error) => setNotice({ tone: "error", text: error.message || "The decision failed." }),
  });

  // Unselecting any row drops the snapshot: it stands only for "everything in this view".
  const active = pageSelected ? snapshot : null;
  return {
    snapshot: active,
    confirm: active ? confirm : null,
    setConfirm,
    selecting: take.isPending,
    deciding: decide.isPending,
    selectAll: () => {
      if (!take.isPending) take.mutate();
    },
    decide: (outcome: "approved" | "rejected", reason?: string) => {
      if (active && !decide.isPending) decide.mutate({ outcome, reason });
    },
    clear: () => {
      setSnapshot(null);
      setConfirm(null);
    },
    notice,
    dismissNotice: () => setNotice(null),
  };
}
