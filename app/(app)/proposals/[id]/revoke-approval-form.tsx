"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { revokeApprovalAction } from "./revoke-actions";

const button =
  "rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600";

export function RevokeApprovalForm({ proposalId }: { proposalId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, startTransition] = useTransition();

  return (
    <section aria-label="Revoke approval" className="rounded-md border border-orange-300 bg-orange-50 p-3 dark:border-orange-900 dark:bg-orange-950/40">
      {done ? (
        <p role="status" className="text-sm text-orange-900 dark:text-orange-100">Approval revoked. The agent can no longer execute this proposal.</p>
      ) : !open ? (
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-sm text-orange-900 dark:text-orange-100">Approved and not executed yet. As an admin you can withdraw the approval.</p>
          <button type="button" onClick={() => setOpen(true)} aria-expanded={open} className={`${button} bg-orange-700 text-white hover:bg-orange-800`}>
            Revoke approval
          </button>
        </div>
      ) : (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return;
            setError(null);
            startTransition(async () => {
              const result = await revokeApprovalAction({ proposalId, reason: reason.trim() });
              if (result.ok) setDone(true);
              else setError(result.error.message);
              router.refresh();
            });
          }}
        >
          <div className="min-w-80 flex-1">
            <label htmlFor="revoke-reason" className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
              Reason for revoking (the agent and the audit trail will see it)
            </label>
            <textarea
              id="revoke-reason"
              autoFocus
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
              required
              rows={2}
              maxLength={2000}
              className="mt-1 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
            />
          </div>
          <button type="submit" disabled={busy || !reason.trim()} className={`${button} bg-orange-700 text-white hover:bg-orange-800`}>
            {busy ? "Revoking…" : "Confirm revocation"}
          </button>
          <button type="button" onClick={() => setOpen(false)} className={`${button} border border-zinc-300 dark:border-zinc-700`}>
            Cancel
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </section>
  );
}
