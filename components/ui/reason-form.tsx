"use client";
// The form that asks why (rejecting, revoking): a required reason the agent and
// the audit trail will see. Mount it only while open, so the reason starts
// empty each time. Escape cancels; Ctrl/⌘+Enter submits.
import { useState } from "react";
import { label as labelClass, outlineButton } from "./tokens";

type Props = {
  id: string;
  label: string;
  placeholder?: string;
  submitLabel: string;
  /** Shown on the submit button while the call runs; the label stays otherwise. */
  busyLabel?: string;
  /** Colour classes of the submit button (`rejectButton`, an orange for revoking). */
  submitClass: string;
  busy: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
  /** Classes of the field's wrapper, e.g. a minimum width. */
  fieldClass?: string;
  className?: string;
};

export function ReasonForm({ id, label, placeholder, submitLabel, busyLabel, submitClass, busy, onSubmit, onCancel, fieldClass = "flex-1", className = "" }: Props) {
  const [reason, setReason] = useState("");
  return (
    <form
      className={`flex flex-wrap items-end gap-2 ${className}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) onSubmit(reason.trim());
      }}
    >
      <div className={fieldClass}>
        <label htmlFor={id} className={labelClass}>
          {label}
        </label>
        <textarea
          id={id}
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
          placeholder={placeholder}
          className="mt-1 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
        />
      </div>
      <button type="submit" disabled={!reason.trim() || busy} className={submitClass}>
        {busy && busyLabel ? busyLabel : submitLabel}
      </button>
      <button type="button" onClick={onCancel} className={outlineButton}>
        Cancel
      </button>
    </form>
  );
}

export const REJECT_PLACEHOLDER = "Why are you rejecting? The agent and the audit trail will see this.";
