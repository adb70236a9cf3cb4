"use client";
import { useState, useTransition } from "react";
import { splitDomainList } from "@/lib/queues/queue-domains";
import { createQueueAction } from "./actions";
import { ActionMessage, type Message } from "../action-message";
import { input, label, primaryButton } from "@/components/ui/tokens";

export function CreateQueueForm() {
  const [message, setMessage] = useState<Message>(null);
  const [busy, startTransition] = useTransition();
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        const ttl = String(data.get("ttl") ?? "").trim();
        setMessage(null);
        startTransition(async () => {
          const result = await createQueueAction({
            slug: String(data.get("slug") ?? "").trim(),
            name: String(data.get("name") ?? ""),
            description: String(data.get("description") ?? "").trim() || undefined,
            defaultTtlSeconds: ttl === "" ? undefined : Math.round(Number(ttl) * 3600),
            domains: splitDomainList(String(data.get("domains") ?? "")),
          });
          if (result.ok) {
            form.reset();
            setMessage({ tone: "ok", text: `Created queue ${result.data.slug}, governing ${result.data.domains.join(", ")}.` });
          } else setMessage({ tone: "error", text: result.error.message });
        });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="new-queue-slug" className={label}>Slug</label>
          <input id="new-queue-slug" name="slug" required autoComplete="off" spellCheck={false} placeholder="accounts-payable" className={`${input} mt-1 w-48 font-mono`} />
        </div>
        <div>
          <label htmlFor="new-queue-name" className={label}>Name</label>
          <input id="new-queue-name" name="name" required autoComplete="off" placeholder="Accounts payable" className={`${input} mt-1 w-48`} />
        </div>
        <div>
          <label htmlFor="new-queue-domains" className={label}>Scope domains</label>
          <input
            id="new-queue-domains"
            name="domains"
            required
            autoComplete="off"
            spellCheck={false}
            placeholder="ap, procurement"
            aria-describedby="new-queue-domains-help"
            className={`${input} mt-1 w-48 font-mono`}
          />
        </div>
        <div>
          <label htmlFor="new-queue-ttl" className={label}>Pending expire after (hours, optional)</label>
          <input id="new-queue-ttl" name="ttl" type="number" min={1} step={1} className={`${input} mt-1 w-32`} />
        </div>
        <div>
          <label htmlFor="new-queue-description" className={label}>Description (optional)</label>
          <input id="new-queue-description" name="description" autoComplete="off" className={`${input} mt-1 w-64`} />
        </div>
        <button type="submit" disabled={busy} className={primaryButton}>
          {busy ? "Creating…" : "Create queue"}
        </button>
      </div>
      <p id="new-queue-domains-help" className="text-xs text-zinc-500 dark:text-zinc-400">
        Separate domains with commas. A domain is the part of a scope before its tier: <code>ap</code> for <code>ap:commit</code>. Lowercase letters
        and digits, with dots or dashes between them.
      </p>
      <ActionMessage message={message} />
    </form>
  );
}
