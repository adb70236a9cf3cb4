"use client";
// Restores an earlier applied policy version (as a new version, with a receipt).
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { restorePolicyVersionAction } from "./actions";
import { ActionMessage, type Message } from "@/components/ui/action-message";
import { input, smallButton } from "@/components/ui/tokens";

export function RestoreVersionButton({ id }: { id: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const [busy, startTransition] = useTransition();
  if (!open) {
    return (
      <button type="button" className={smallButton} onClick={() => setOpen(true)} aria-label={`Restore version ${id}`}>
        Restore
      </button>
    );
  }
  return (
    <form
      className="flex flex-wrap items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        const reason = String(new FormData(e.currentTarget).get("reason") ?? "");
        startTransition(async () => {
          const result = await restorePolicyVersionAction({ id, reason });
          if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
          setOpen(false);
          router.refresh();
        });
      }}
    >
      <label htmlFor={`restore-${id}`} className="sr-only">Reason for restoring {id}</label>
      <input id={`restore-${id}`} name="reason" required placeholder="Reason" autoFocus className={`${input} w-48`} />
      <button type="submit" className={smallButton} disabled={busy}>{busy ? "Restoring…" : "Restore this version"}</button>
      <button type="button" className={smallButton} onClick={() => setOpen(false)}>Cancel</button>
      <ActionMessage message={message} />
    </form>
  );
}
