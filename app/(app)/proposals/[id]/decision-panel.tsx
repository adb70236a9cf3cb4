"use client";
// Approve, reject (with a reason) or edit-then-approve one proposal. The
// server decides who may do what; this only shows its answer plainly.
import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { decideProposalsAction } from "@/app/(app)/queue/actions";
import type { PlanStep } from "@/lib/proposals/envelope";
import { approveWithEditsAction } from "./actions";
import { PlanEditor, type EditedStep } from "./plan-editor";

type Props = {
  id: string;
  version: number;
  status: string;
  /** Pending and unexpired, as the server saw it. */
  open: boolean;
  canDecide: boolean;
  plan: PlanStep[];
};

type Message = { tone: "ok" | "warn" | "error"; text: string };
type Mode = "idle" | "rejecting" | "editing";

const button = "rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600";

export function DecisionPanel({ id, version, status, open, canDecide, plan }: Props) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("idle");
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, startTransition] = useTransition();
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (mode === "rejecting") reasonRef.current?.focus();
  }, [mode]);

  function decide(outcome: "approved" | "rejected", why?: string) {
    setMessage(null);
    startTransition(async () => {
      const result = await decideProposalsAction({ ids: [id], outcome, reason: why, versions: { [id]: version } });
      if (!result.ok) setMessage({ tone: "error", text: result.error.message });
      else if (result.data.decided.length > 0) {
        setMessage({ tone: "ok", text: outcome === "approved" ? "Approved. The agent can now proceed." : "Rejected. The agent will see your reason." });
        setMode("idle");
      } else if (result.data.recorded.length > 0) {
        const vote = result.data.recorded[0]!;
        setMessage({ tone: "ok", text: `Your approval is recorded: ${vote.approvals} of ${vote.required} approvals. Another approver must approve before the agent can proceed.` });
      } else setMessage({ tone: "warn", text: result.data.skipped[0]?.message ?? "Nothing was decided." });
      router.refresh();
    });
  }

  function approveEdited(steps: EditedStep[], note: string) {
    setMessage(null);
    startTransition(async () => {
      const result = await approveWithEditsAction({ id, version, plan: steps, reason: note || undefined });
      if (!result.ok) setMessage({ tone: "error", text: result.error.message });
      else {
        setMessage({
          tone: "ok",
          text:
            result.data.approvals >= result.data.requiredApprovals
              ? `Approved with edits as version ${result.data.version}. The agent will execute the edited plan.`
              : result.data.secondApproverRequired
                ? `Edited as version ${result.data.version} with your approval. You changed a commit step's arguments, so it needs a second approver: someone other than you must approve the edited version (${result.data.approvals} of ${result.data.requiredApprovals} approvals).`
                : `Edited as version ${result.data.version} with your approval: ${result.data.approvals} of ${result.data.requiredApprovals} approvals. Another approver must approve it.`,
        });
        setMode("idle");
      }
      router.refresh();
    });
  }

  const disabled = !canDecide || busy;
  return (
    <section aria-label="Decision" className="rounded-md border border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-900/50">
      {open ? (
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" disabled={disabled} onClick={() => decide("approved")} className={`${button} bg-emerald-700 text-white hover:bg-emerald-800`}>
            Approve
          </button>
          <button
            type="button"
            disabled={disabled}
            aria-expanded={mode === "rejecting"}
            onClick={() => setMode(mode === "rejecting" ? "idle" : "rejecting")}
            className={`${button} bg-red-700 text-white hover:bg-red-800`}
          >
            Reject
          </button>
          <button
            type="button"
            disabled={disabled}
            aria-expanded={mode === "editing"}
            onClick={() => setMode(mode === "editing" ? "idle" : "editing")}
            className={`${button} border border-zinc-300 bg-white hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-950 dark:hover:bg-zinc-800`}
          >
            Edit before approve
          </button>
          {busy && (
            <span role="status" className="text-sm text-zinc-500">
              Deciding…
            </span>
          )}
          {!canDecide && <span className="text-sm text-zinc-600 dark:text-zinc-400">Viewers can review but not decide.</span>}
        </div>
      ) : (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          This proposal is <strong>{status}</strong>; there is nothing left to decide.
        </p>
      )}

      {open && canDecide && mode === "rejecting" && (
        <form
          className="mt-3 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) decide("rejected", reason.trim());
          }}
        >
          <div className="min-w-80 flex-1">
            <label htmlFor="decision-reason" className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
              Reason
            </label>
            <textarea
              id="decision-reason"
              ref={reasonRef}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Escape") setMode("idle");
                if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
              }}
              required
              rows={2}
              maxLength={2000}
              placeholder="Why are you rejecting? The agent and the audit trail will see this."
              className="mt-1 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
            />
          </div>
          <button type="submit" disabled={!reason.trim() || busy} className={`${button} bg-red-700 text-white hover:bg-red-800`}>
            Confirm rejection
          </button>
          <button type="button" onClick={() => setMode("idle")} className={`${button} border border-zinc-300 dark:border-zinc-700`}>
            Cancel
          </button>
        </form>
      )}

      {open && canDecide && mode === "editing" && <PlanEditor plan={plan} busy={busy} onSubmit={approveEdited} onCancel={() => setMode("idle")} />}

      <div aria-live="polite" className="empty:hidden mt-2">
        {message && (
          <p
            className={`text-sm ${
              message.tone === "ok"
                ? "text-emerald-800 dark:text-emerald-300"
                : message.tone === "warn"
                  ? "text-amber-800 dark:text-amber-300"
                  : "text-red-700 dark:text-red-300"
            }`}
          >
            {message.text}
          </p>
        )}
      </div>
    </section>
  );
}
