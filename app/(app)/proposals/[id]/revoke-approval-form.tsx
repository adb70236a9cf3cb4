"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ReasonForm } from "@/components/ui/reason-form";
import { decisionButtonBase } from "@/components/ui/tokens";
import { revokeApprovalAction } from "./revoke-actions";

const revokeButton = `${decisionButtonBase} bg-orange-700 text-white hover:bg-orange-800`;

export function RevokeApprovalForm({ proposalId }: { proposalId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
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
          <button type="button" onClick={() => setOpen(true)} aria-expanded={open} className={revokeButton}>
            Revoke approval
          </button>
        </div>
      ) : (
        <ReasonForm
          id="revoke-reason"
          label="Reason for revoking (the agent and the audit trail will see it)"
          submitLabel="Confirm revocation"
          busyLabel="Revoking…"
          submitClass={revokeButton}
          fieldClass="min-w-80 flex-1"
          busy={busy}
          onCancel={() => setOpen(false)}
          onSubmit={(reason) => {
            setError(null);
            startTransition(async () => {
              const result = await revokeApprovalAction({ proposalId, reason });
              if (result.ok) setDone(true);
              else setError(result.error.message);
              router.refresh();
            });
          }}
        />
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </section>
  );
}
