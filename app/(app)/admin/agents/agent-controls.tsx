"use client";
// Rotate, revoke one key, stop. Rotation revokes the agent's other keys at
// once (no grace period); stopping asks for a reason in a dialog first.
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { revokeKeyAction, rotateKeyAction, stopAgentAction } from "./actions";
import { ActionMessage, type Message } from "@/components/ui/action-message";
import { NewKeyBox } from "./new-key-box";
import { dangerButton, label, secondaryButton, smallButton } from "@/components/ui/tokens";

type Props = { agent: { id: string; name: string; state: string }; activeKeys: { id: string; prefix: string }[] };

export function AgentControls({ agent, activeKeys }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<Message>(null);
  const [newKey, setNewKey] = useState<string | null>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, startTransition] = useTransition();
  const dialog = useRef<HTMLDialogElement>(null);
  const stopped = agent.state === "stopped" || agent.state === "disabled";

  const rotate = () => {
    setMessage(null);
    setConfirmRotate(false);
    startTransition(async () => {
      const result = await rotateKeyAction({ agentId: agent.id });
      if (result.ok) {
        setNewKey(result.data.apiKey);
        const old = result.data.revokedPrefixes;
        setMessage({ tone: "ok", text: old.length ? `Rotated: ${old.join(", ")} revoked now; new key ${result.data.keyPrefix}….` : `New key ${result.data.keyPrefix}….` });
      } else setMessage({ tone: "error", text: result.error.message });
      router.refresh();
    });
  };

  const revokeKey = (key: { id: string; prefix: string }) => {
    setMessage(null);
    startTransition(async () => {
      const result = await revokeKeyAction({ keyId: key.id });
      setMessage(result.ok ? { tone: "ok", text: `Key ${key.prefix}… revoked; it stops working now.` } : { tone: "error", text: result.error.message });
      router.refresh();
    });
  };

  const stop = () => {
    setMessage(null);
    startTransition(async () => {
      const result = await stopAgentAction({ agentId: agent.id, reason: reason.trim() });
      if (result.ok) {
        const r = result.data;
        dialog.current?.close();
        setReason("");
        setMessage({
          tone: "ok",
          text:
            `Stopped ${r.name}: ${r.keysRevoked} key(s) revoked, ${r.cancelled} pending proposal(s) cancelled, ${r.revoked} approval(s) revoked.` +
            (r.leftRedeemed > 0 ? ` ${r.leftRedeemed} approval(s) were left: their token was already redeemed, so the action may have run.` : ""),
        });
      } else setMessage({ tone: "error", text: result.error.message });
      router.refresh();
    });
  };

  return (
    <div className="space-y-2">
      {newKey && <NewKeyBox agent={agent.name} apiKey={newKey} onDone={() => setNewKey(null)} />}
      {!stopped && (
        <div className="flex flex-wrap items-center gap-2">
          {confirmRotate ? (
            <>
              <span className="text-xs text-zinc-700 dark:text-zinc-300">The current key{activeKeys.length === 1 ? "" : "s"} stop working at once.</span>
              <button type="button" disabled={busy} onClick={rotate} className={smallButton}>
                Confirm rotation<span className="sr-only"> for {agent.name}</span>
              </button>
              <button type="button" onClick={() => setConfirmRotate(false)} className={smallButton}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" disabled={busy} onClick={() => setConfirmRotate(true)} className={smallButton}>
              Rotate key<span className="sr-only"> for {agent.name}</span>
            </button>
          )}
          {activeKeys.map((k) => (
            <button key={k.id} type="button" disabled={busy} onClick={() => revokeKey(k)} className={smallButton}>
              Revoke {k.prefix}…
            </button>
          ))}
          <button
            type="button"
            disabled={busy}
            onClick={() => dialog.current?.showModal()}
            className="rounded bg-red-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-red-800 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-sky-600"
          >
            Stop agent<span className="sr-only"> {agent.name}</span>
          </button>
        </div>
      )}
      <ActionMessage message={message} />

      <dialog
        ref={dialog}
        aria-labelledby={`stop-title-${agent.id}`}
        className="m-auto w-[32rem] max-w-[95vw] rounded-lg border border-zinc-300 bg-white p-4 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <form
          method="dialog"
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) stop();
          }}
        >
          <h2 id={`stop-title-${agent.id}`} className="text-base font-semibold">
            Stop {agent.name}?
          </h2>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            In one step: all its keys stop working at once, its pending proposals are cancelled, and its approved proposals that have not been executed are revoked. Each change is recorded. This cannot be undone; to run the agent again, create a new one.
          </p>
          <div>
            <label htmlFor={`stop-reason-${agent.id}`} className={label}>
              Reason (recorded in every receipt)
            </label>
            <textarea
              id={`stop-reason-${agent.id}`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              rows={2}
              maxLength={2000}
              className="mt-1 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
            />
          </div>
          <div className="flex justify-end gap-2">
            <button type="button" onClick={() => dialog.current?.close()} className={secondaryButton}>
              Cancel
            </button>
            <button type="submit" disabled={busy || !reason.trim()} className={dangerButton}>
              {busy ? "Stopping…" : "Stop agent"}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
