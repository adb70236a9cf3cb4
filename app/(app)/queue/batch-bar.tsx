"use client";
// The batch bar: what is selected, and Approve / Reject (with a reason).
import { REJECT_PLACEHOLDER, ReasonForm } from "@/components/ui/reason-form";
import { approveButton, rejectButton } from "@/components/ui/tokens";

type Props = {
  count: number;
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
          className={approveButton}
        >
          Approve
        </button>
        <button
          type="button"
          onClick={props.onStartReject}
          disabled={disabled}
          className={rejectButton}
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
      {props.rejecting && (
        <ReasonForm
          id="reject-reason"
          label="Reason"
          placeholder={REJECT_PLACEHOLDER}
          submitLabel="Confirm rejection"
          submitClass={rejectButton}
          className="mt-2"
          busy={props.busy}
          onSubmit={props.onReject}
          onCancel={props.onCancelReject}
        />
      )}
    </div>
  );
}
