"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { createToolAction } from "./actions";
import { ActionMessage, useActionMessage } from "@/components/ui/action-message";
import { FieldHelp, SubmitButton, TextField } from "@/components/ui/field";
import { NewKeyBox } from "../agents/new-key-box";

export function CreateToolForm() {
  const router = useRouter();
  const { message, setMessage, busy, run } = useActionMessage();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  if (created) return <NewKeyBox kind="tool key" agent={created.name} apiKey={created.key} onDone={() => setCreated(null)} />;
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const name = String(new FormData(e.currentTarget).get("name") ?? "");
        run(async () => {
          const result = await createToolAction({ name });
          if (result.ok) {
            setCreated({ name: result.data.name, key: result.data.key });
            router.refresh();
          } else setMessage({ tone: "error", text: result.error.message });
        });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <TextField id="new-tool-name" label="Name" name="name" required placeholder="erp-payments" autoComplete="off" aria-describedby="new-tool-help" width="w-56" />
        <SubmitButton busy={busy} label="Register tool" busyLabel="Registering…" />
      </div>
      <FieldHelp id="new-tool-help">
        The system that executes approved actions (a payment service, an ERP connector). Its key redeems approval tokens at{" "}
        <code>POST /api/v1/approval-tokens/verify</code>; agent keys are refused there.
      </FieldHelp>
      <ActionMessage message={message} />
    </form>
  );
}
