"use client";
// Approve, reject (with a reason) or edit-then-approve one proposal. The
// server decides who may do what; this only shows its answer plainly.
import { useState } from "react";
import { useRouter } from "next/navigation";
import type { PlanStep } from "@/lib/proposals/envelope";
import { REJECT_PLACEHOLDER, ReasonForm } from "@/components/ui/reason-form";
import { approveButton, decisionButtonBase, panel, rejectButton } from "@/components/ui/tokens";
import { useApproveWithEdits, useDecideProposals } from "../use-decision-mutations";
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

export function DecisionPanel({ id, version, status, open, canDecide, plan }: Props) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("idle");
  const [message, setMessage] = useState<Message | null>(null);
  const onMutate = () => setMessage(null);
  const onError = (error: Error) => setMessage({ tone: "error", text: error.message });
  const onSettled = () => router.refresh();

  const decide = useDecideProposals({
    onMutate,
    onError,
    onSettled,
    onSuccess: (result, { outcome }) => {
      if (result.decided.length > 0) {
        setMessage({ tone: "ok", text: outcome === "approved" ? "Approved. The agent can now proceed." : "Rejected. The agent will see your reason." });
        setMode("idle");
      } else if (result.recorded.length > 0) {
        const vote = result.recorded[0]!;
        setMessage({ tone: "ok", text: `Your approval is recorded: ${vote.approvals} of ${vote.required} approvals. Another approver must approve before the agent can proceed.` });
      } else setMessage({ tone: "warn", text: result.skipped[0]?.message ?? "Nothing was decided." });
    },
  });

  const edit = useApproveWithEdits({
    onMutate,
    onError,
    onSettled,
    onSuccess: (data) => {
      setMessage({
        tone: "ok",
        text:
          data.approvals >= data.requiredApprovals
            ? `Approved with edits as version ${data.version}. The agent will execute the edited plan.`
            : data.secondApproverRequired
              ? `Edited as version ${data.version} with your approval. You changed a commit step's arguments, so it needs a second approver: someone other than you must approve the edited version (${data.approvals} of ${data.requiredApprovals} approvals).`
              : `Edited as version ${data.version} with your approval: ${data.approvals} of ${data.requiredApprovals} approvals. Another approver must approve it.`,
      });
      setMode("idle");
    },
  });

  const busy = decide.isPending || edit.isPending;
  const send = (outcome: "approved" | "rejected", reason?: string) => decide.mutate({ ids: [id], outcome, reason, versions: { [id]: version } });
  const approveEdited = (steps: EditedStep[], note: string) => edit.mutate({ id, version, plan: steps, reason: note || undefined });

  const disabled = !canDecide || busy;
  return (
    <section aria-label="Decision" className={`p-3 ${panel}`}>
      {open ? (
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" disabled={disabled} onClick={() => send("approved")} className={approveButton}>
            Approve
          </button>
          <button
            type="button"
            disabled={disabled}
            aria-expanded={mode === "rejecting"}
            onClick={() => setMode(mode === "rejecting" ? "idle" : "rejecting")}
            className={rejectButton}
          >
            Reject
          </button>
          <button
            type="button"
            disabled={disabled}
            aria-expanded={mode === "editing"}
            onClick={() => setMode(mode === "editing" ? "idle" : "editing")}
            className={`${decisionButtonBase} border border-zinc-300 bg-white hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-950 dark:hover:bg-zinc-800`}
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
          {/* Closed while pending: some stored values cannot be read (the banner above names them), and the server refuses a decision. */}
          {status === "pending" ? (
            <>This proposal is <strong>pending</strong> but cannot be decided: some of its stored values cannot be read.</>
          ) : (
            <>This proposal is <strong>{status}</strong>; there is nothing left to decide.</>
          )}
        </p>
      )}

      {open && canDecide && mode === "rejecting" && (
        <ReasonForm
          id="decision-reason"
          label="Reason"
          placeholder={REJECT_PLACEHOLDER}
          submitLabel="Confirm rejection"
          submitClass={rejectButton}
          fieldClass="min-w-80 flex-1"
          className="mt-3"
          busy={busy}
          onSubmit={(reason) => send("rejected", reason)}
          onCancel={() => setMode("idle")}
        />
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
