"use client";
// "Retry now" for one pending or failed delivery; the outcome is announced.
import { retryDeliveryAction } from "./actions";
import { ActionMessage, useRefreshingAction } from "@/components/ui/action-message";
import { smallButton } from "@/components/ui/tokens";

export function RetryButton({ deliveryId, label }: { deliveryId: string; label: string }) {
  const { message, busy, act } = useRefreshingAction();

  const retry = () => act(() => retryDeliveryAction({ deliveryId }), "Queued; sent within a few seconds.");

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
