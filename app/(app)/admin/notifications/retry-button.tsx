"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { retryNotificationAction } from "./actions";
import { ActionMessage, type Message } from "@/components/ui/action-message";
import { smallButton } from "@/components/ui/tokens";

export function RetryNotificationButton({ deliveryId, label }: { deliveryId: string; label: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<Message>(null);
  const [busy, startTransition] = useTransition();
  return (
    <div className="space-y-1">
      <button
        type="button"
        disabled={busy}
        className={smallButton}
        onClick={() =>
          startTransition(async () => {
            const result = await retryNotificationAction({ deliveryId });
            setMessage(result.ok ? { tone: "ok", text: "Queued; sent within a few seconds." } : { tone: "error", text: result.error.message });
            router.refresh();
          })
        }
      >
        {busy ? "Retrying…" : "Retry now"}
        <span className="sr-only"> {label}</span>
      </button>
      <ActionMessage message={message} />
    </div>
  );
}
