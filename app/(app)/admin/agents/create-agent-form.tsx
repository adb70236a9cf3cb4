"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { createAgentAction } from "./actions";
import { ActionMessage, useActionMessage } from "@/components/ui/action-message";
import { FieldHelp, SelectField, SubmitButton, TextField } from "@/components/ui/field";
import { NewKeyBox } from "./new-key-box";

export function CreateAgentForm({ sponsors }: { sponsors: { email: string; name: string }[] }) {
  const router = useRouter();
  const { message, setMessage, busy, run } = useActionMessage();
  const [created, setCreated] = useState<{ name: string; apiKey: string } | null>(null);
  if (created) return <NewKeyBox agent={created.name} apiKey={created.apiKey} onDone={() => setCreated(null)} />;
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const scopes = String(data.get("scopes") ?? "")
          .split(/[\s,]+/)
          .filter(Boolean);
        run(async () => {
          const result = await createAgentAction({ name: String(data.get("name") ?? ""), sponsorEmail: String(data.get("sponsor") ?? ""), scopes });
          if (result.ok) {
            setCreated({ name: result.data.name, apiKey: result.data.apiKey });
            router.refresh();
          } else setMessage({ tone: "error", text: result.error.message });
        });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <TextField id="new-agent-name" label="Name" name="name" required placeholder="ap-payments-bot" autoComplete="off" width="w-56" />
        <SelectField id="new-agent-sponsor" label="Sponsor" name="sponsor" required width="w-64">
          {sponsors.map((s) => (
            <option key={s.email} value={s.email}>
              {s.name} ({s.email})
            </option>
          ))}
        </SelectField>
        <TextField
          id="new-agent-scopes"
          label="Scopes"
          name="scopes"
          required
          placeholder="ap:read, ap:write:draft, ap:commit"
          aria-describedby="new-agent-scopes-help"
          width="w-full"
          wrapperClass="min-w-72 flex-1"
        />
        <SubmitButton busy={busy} label="Create agent" busyLabel="Creating…" />
      </div>
      <FieldHelp id="new-agent-scopes-help">
        Comma-separated, each <code>&lt;domain&gt;:&lt;tier&gt;</code> with tier read, write:draft or commit. The sponsor vouches for the agent and may not approve its proposals.
      </FieldHelp>
      <ActionMessage message={message} />
    </form>
  );
}
