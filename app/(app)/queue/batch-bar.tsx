"use client";
// The batch bar: what is selected, and Approve / Reject (with a reason).
import { useState } from "react";

type Props = {
  count: number;
  shownCount: number;
  total: number;
  canDecide: boolean;
  busy: boolean;
  rejecting: boolean;
  onApprove: () => void;
  onStartReject: () => void;
  onCancelReject: () => void;
  onReject: (reason: string) => void;
  onClear: () => void;
  onHelp: () => void;
};

export function BatchBar(props: Props) {
  const disabled = !props.canDecide || props.busy;
  const what = props.count > 0 ? `${props.count} selected` : "No selection: keys act on the highlighted row";

  return (
    <div className="sticky top-12 z-10 mb-2 rounded-md border border-zinc-200 bg-white/95 px-3 py-2 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/95" role="region" aria-label="Batch actions">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="min-w-48 text-zinc-700 dark:text-zinc-300" aria-live="polite">
          {what}
        </span>
        <button
          type="button"
          onClick={props.onApprove}
          disabled={disabled}
          className="rounded-md bg-emerald-700 px-3 py-1.5 font-medium text-white hover:bg-emerald-800 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Approve
        </button>
        <button
          type="button"
          onClick={props.onStartReject}
          disabled={disabled}
          className="rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Reject
        </button>
        {props.count > 0 && (
          <button type="button" onClick={props.onClear} className="text-zinc-600 underline-offset-2 hover:underline dark:text-zinc-400">
            Clear selection
          </button>
        )}
        {props.busy && <span role="status" className="text-zinc-500">Deciding…</span>}
        {!props.canDecide && <span className="text-zinc-500">You are a viewer: you can review but not decide.</span>}
        <button type="button" onClick={props.onHelp} className="ml-auto text-xs text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
          Keyboard shortcuts <kbd className="rounded border px-1">?</kbd>
        </button>
      </div>
      {props.rejecting && <RejectForm busy={props.busy} onReject={props.onReject} onCancel={props.onCancelReject} />}
    </div>
  );
}

/** Mounted only while rejecting, so the reason starts empty each time. */
function RejectForm({ busy, onReject, onCancel }: { busy: boolean; onReject: (reason: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState("");
  return (
    <form
      className="mt-2 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) onReject(reason.trim());
      }}
    >
      <div className="flex-1">
        <label htmlFor="reject-reason" className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
          Reason
        </label>
        <textarea
          id="reject-reason"
          autoFocus
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") onCancel();
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
          }}
          required
          rows={2}
          maxLength={2000}
          placeholder="Why are you rejecting? The agent and the audit trail will see this."
          className="mt-1 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
      </div>
      <button type="submit" disabled={!reason.trim() || busy} className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-50">
        Confirm rejection
      </button>
      <button type="button" onClick={onCancel} className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">
        Cancel
      </button>
    </form>
  );
}
