"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { revokeToolAction } from "./actions";
import { ActionMessage, type Message } from "@/components/ui/action-message";
import { smallButton } from "@/components/ui/tokens";

export function RevokeToolButton({ name }: { name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const [busy, startTransition] = useTransition();
  const revoke = () =>
    startTransition(async () => {
      const result = await revokeToolAction({ name });
      setConfirming(false);
      if (result.ok) {
        setMessage({ tone: "ok", text: result.data.changed ? `Revoked ${name}: its key stops working now.` : `${name} was already revoked.` });
        router.refresh();
      } else setMessage({ tone: "error", text: result.error.message });
    });
  return (
    <div className="space-y-1">
      {confirming ? (
        <div className="flex flex-wrap items-center gap-1 text-xs">
          <span>Revoke {name}? Its key stops working at once.</span>
          <button type="button" className={smallButton} disabled={busy} onClick={revoke}>
            {busy ? "Revoking…" : `Yes, revoke ${name}`}
          </button>
          <button type="button" className={smallButton} disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className={smallButton} onClick={() => setConfirming(true)} aria-label={`Revoke tool ${name}`}>
          Revoke
        </button>
      )}
      <ActionMessage message={message} />
    </div>
  );
}
