"use client";
// Gmail-style "Select all N matching" under the batch bar. Offered when every
// row on the page is selected and the view holds more; once the server has
// taken the snapshot, this is the confirmation: how many, broken down by
// agent, queue, tier and risk, and the buttons that decide exactly those.
// Keys inside it are its own (data-own-keys): Enter presses the focused button.
import { useEffect, useRef } from "react";
import { REJECT_PLACEHOLDER, ReasonForm } from "@/components/ui/reason-form";
import { approveButton, muted, outlineButton, rejectButton } from "@/components/ui/tokens";
import type { ViewConfirm, ViewSnapshot } from "./use-view-selection";

type Props = {
  pageCount: number;
  total: number;
  snapshot: ViewSnapshot | null;
  confirm: ViewConfirm;
  selecting: boolean;
  deciding: boolean;
  onSelectAll: () => void;
  onConfirm: (outcome: ViewConfirm) => void;
  onDecide: (outcome: "approved" | "rejected", reason?: string) => void;
  onClear: () => void;
};

const n = (count: number) => count.toLocaleString("en-US");

export function SelectAllMatching(props: Props) {
  const approveRef = useRef<HTMLButtonElement>(null);
  const regionRef = useRef<HTMLDivElement>(null);
  // The confirmation takes the focus when it opens, so the next key (Enter) is the decision.
  useEffect(() => {
    if (props.confirm === "approved") approveRef.current?.focus();
  }, [props.confirm]);
  useEffect(() => {
    if (props.snapshot) regionRef.current?.focus();
  }, [props.snapshot]);

  if (!props.snapshot) {
    return (
      <div className="mb-2 rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-zinc-800 dark:border-blue-900 dark:bg-blue-950/40 dark:text-zinc-200">
        All {n(props.pageCount)} on this page are selected.{" "}
        <button type="button" onClick={props.onSelectAll} disabled={props.selecting} className="font-medium text-blue-800 underline underline-offset-2 hover:no-underline disabled:opacity-60 dark:text-blue-300">
          {props.selecting ? "Selecting…" : `Select all ${n(props.total)} matching this view`}
        </button>{" "}
        <span className={muted}>
          (key <kbd className="rounded border border-zinc-400 px-1">m</kbd>)
        </span>
      </div>
    );
  }

  const s = props.snapshot;
  const decidable = s.count - s.notYours;
  return (
    <div
      ref={regionRef}
      tabIndex={-1}
      role="region"
      aria-labelledby="view-selection-title"
      data-own-keys
      onKeyDown={(e) => {
        if (e.key === "Escape" && !props.deciding) props.onClear();
        // The queue's a / r, while the focus is on the confirmation itself (not a button or the reason).
        if (e.target !== e.currentTarget || e.metaKey || e.ctrlKey || e.altKey) return;
        if (e.key === "a" || e.key === "r") {
          e.preventDefault();
          props.onConfirm(e.key === "a" ? "approved" : "rejected");
        }
      }}
      className="mb-2 rounded-md border border-blue-300 bg-blue-50 px-3 py-2 text-sm text-zinc-900 focus:outline-2 focus:outline-sky-600 dark:border-blue-900 dark:bg-blue-950/40 dark:text-zinc-100"
    >
      <p id="view-selection-title" className="font-medium" aria-live="polite">
        All {n(s.count)} proposals matching this view are selected.
        {s.capped && ` The view holds ${n(s.total)}; a selection stops at the first ${n(s.count)}.`}
      </p>
      <dl className="mt-1 grid gap-x-4 gap-y-0.5 sm:grid-cols-[auto_1fr]" aria-label="Breakdown of the selection">
        {(
          [
            ["Agent", s.breakdown.agent],
            ["Queue", s.breakdown.queue],
            ["Tier", s.breakdown.tier],
            ["Risk", s.breakdown.risk],
          ] as const
        ).map(([name, tallies]) => (
          <div key={name} className="contents">
            <dt className="font-medium text-zinc-700 dark:text-zinc-300">{name}</dt>
            <dd data-breakdown={name.toLowerCase()}>{tallies.map((t) => `${t.value} ${n(t.count)}`).join(" · ")}</dd>
          </div>
        ))}
      </dl>
      <p className={`mt-1 ${muted}`}>
        Taken at {new Date(s.takenAt).toLocaleTimeString("en-GB")}: only these are decided; proposals that arrive later are left alone, and each item is checked again (your rights, quorum, separation of
        duties, edits since).{s.notYours > 0 && ` ${n(s.notYours)} are on queues where you may not decide and will be skipped.`}
      </p>
      {props.confirm === "rejected" ? (
        <ReasonForm
          id="view-reject-reason"
          label="Reason"
          placeholder={REJECT_PLACEHOLDER}
          submitLabel={`Reject ${n(s.count)}`}
          submitClass={rejectButton}
          className="mt-2"
          busy={props.deciding}
          onSubmit={(reason) => props.onDecide("rejected", reason)}
          onCancel={() => props.onConfirm(null)}
        />
      ) : (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <button ref={approveRef} type="button" className={approveButton} disabled={props.deciding || decidable === 0} onClick={() => props.onDecide("approved")}>
            {props.deciding ? "Deciding…" : `Approve ${n(s.count)}`}
          </button>
          <button type="button" className={rejectButton} disabled={props.deciding || decidable === 0} onClick={() => props.onConfirm("rejected")}>
            Reject {n(s.count)}…
          </button>
          <button type="button" className={outlineButton} disabled={props.deciding} onClick={props.onClear}>
            Select only this page
          </button>
        </div>
      )}
    </div>
  );
}
