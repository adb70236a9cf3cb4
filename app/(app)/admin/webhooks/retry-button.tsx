"use client";
// "Retry now" for one pending or failed delivery; the outcome is announced.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { retryDeliveryAction } from "./actions";
import { ActionMessage, type Message } from "../action-message";
import { smallButton } from "@/components/ui/tokens";

export function RetryButton({ deliveryId, label }: { deliveryId: string; label: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<Message>(null);
  const [busy, startTransition] = useTransition();

  const retry = () => {
    setMessage(null);
    startTransition(async () => {
      const result = await retryDeliveryAction({ deliveryId });
      setMessage(result.ok ? { tone: "ok", text: "Queued; sent within a few seconds." } : { tone: "error", text: result.error.message });
      router.refresh();
    });
  };

  return (
    <div className="space-y-1">
      <button type="button" disabled={busy} onClick={retry} className={smallButton}>
        {busy ? "Retrying…" : "Retry now"}
        <span className="sr-only"> {label}</span>
      </button>
      <ActionMessage message={message} />
    </div>
  );
}
