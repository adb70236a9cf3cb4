"use client";
// Revokes a standing approval at once (with a receipt): the next matching proposal waits for a person.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { ActionMessage, useActionMessage } from "@/components/ui/action-message";
import { input, smallButton } from "@/components/ui/tokens";
import { revokeStandingApprovalAction } from "./standing-approval-actions";

export function RevokeStandingApprovalButton({ id, label }: { id: string; label: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { message, setMessage, busy, run } = useActionMessage();
  if (!open) {
    return (
      <button type="button" className={smallButton} onClick={() => setOpen(true)} aria-label={`Revoke ${label}`}>
        Revoke
      </button>
    );
  }
  return (
    <form
      className="flex flex-wrap items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        const reason = String(new FormData(e.currentTarget).get("reason") ?? "");
        run(async () => {
          const result = await revokeStandingApprovalAction({ id, reason });
          if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
          setOpen(false);
          router.refresh();
        });
      }}
    >
      <label htmlFor={`revoke-${id}`} className="sr-only">Reason for revoking {label}</label>
      <input id={`revoke-${id}`} name="reason" required placeholder="Reason" autoFocus className={`${input} w-48`} />
      <button type="submit" className={smallButton} disabled={busy}>{busy ? "Revoking…" : "Revoke now"}</button>
      <button type="button" className={smallButton} onClick={() => setOpen(false)}>Cancel</button>
      <ActionMessage message={message} />
    </form>
  );
}
