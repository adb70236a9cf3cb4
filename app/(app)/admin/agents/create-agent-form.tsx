"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createAgentAction } from "./actions";
import { ActionMessage, type Message } from "../action-message";
import { NewKeyBox } from "./new-key-box";
import { input, label, primaryButton } from "@/components/ui/tokens";

export function CreateAgentForm({ sponsors }: { sponsors: { email: string; name: string }[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<Message>(null);
  const [created, setCreated] = useState<{ name: string; apiKey: string } | null>(null);
  const [busy, startTransition] = useTransition();
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
        setMessage(null);
        startTransition(async () => {
          const result = await createAgentAction({ name: String(data.get("name") ?? ""), sponsorEmail: String(data.get("sponsor") ?? ""), scopes });
          if (result.ok) {
            setCreated({ name: result.data.name, apiKey: result.data.apiKey });
            router.refresh();
          } else setMessage({ tone: "error", text: result.error.message });
        });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="new-agent-name" className={label}>Name</label>
          <input id="new-agent-name" name="name" required placeholder="ap-payments-bot" autoComplete="off" className={`${input} mt-1 w-56`} />
        </div>
        <div>
          <label htmlFor="new-agent-sponsor" className={label}>Sponsor</label>
          <select id="new-agent-sponsor" name="sponsor" required className={`${input} mt-1 w-64`}>
            {sponsors.map((s) => (
              <option key={s.email} value={s.email}>
                {s.name} ({s.email})
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-72 flex-1">
          <label htmlFor="new-agent-scopes" className={label}>Scopes</label>
          <input
            id="new-agent-scopes"
            name="scopes"
            required
            placeholder="ap:read, ap:write:draft, ap:commit"
            aria-describedby="new-agent-scopes-help"
            className={`${input} mt-1 w-full`}
          />
        </div>
        <button type="submit" disabled={busy} className={primaryButton}>
          {busy ? "Creating…" : "Create agent"}
        </button>
      </div>
      <p id="new-agent-scopes-help" className="text-xs text-zinc-500 dark:text-zinc-400">
        Comma-separated, each <code>&lt;domain&gt;:&lt;tier&gt;</code> with tier read, write:draft or commit. The sponsor vouches for the agent and may not approve its proposals.
      </p>
      <ActionMessage message={message} />
    </form>
  );
}
