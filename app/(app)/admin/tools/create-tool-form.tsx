"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createToolAction } from "./actions";
import { ActionMessage, type Message } from "../action-message";
import { NewKeyBox } from "../agents/new-key-box";
import { input, label, primaryButton } from "@/components/ui/tokens";

export function CreateToolForm() {
  const router = useRouter();
  const [message, setMessage] = useState<Message>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [busy, startTransition] = useTransition();
  if (created) return <NewKeyBox kind="tool key" agent={created.name} apiKey={created.key} onDone={() => setCreated(null)} />;
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const name = String(new FormData(e.currentTarget).get("name") ?? "");
        setMessage(null);
        startTransition(async () => {
          const result = await createToolAction({ name });
          if (result.ok) {
            setCreated({ name: result.data.name, key: result.data.key });
            router.refresh();
          } else setMessage({ tone: "error", text: result.error.message });
        });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="new-tool-name" className={label}>Name</label>
          <input id="new-tool-name" name="name" required placeholder="erp-payments" autoComplete="off" aria-describedby="new-tool-help" className={`${input} mt-1 w-56`} />
        </div>
        <button type="submit" disabled={busy} className={primaryButton}>
          {busy ? "Registering…" : "Register tool"}
        </button>
      </div>
      <p id="new-tool-help" className="text-xs text-zinc-500 dark:text-zinc-400">
        The system that executes approved actions (a payment service, an ERP connector). Its key redeems approval tokens at{" "}
        <code>POST /api/v1/approval-tokens/verify</code>; agent keys are refused there.
      </p>
      <ActionMessage message={message} />
    </form>
  );
}
