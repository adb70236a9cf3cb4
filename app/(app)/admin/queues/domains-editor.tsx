"use client";
// The scope domains one queue governs, edited as a comma-separated list. The
// server validates and says what is wrong; a queue always keeps at least one.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { splitDomainList } from "@/lib/queues/queue-domains";
import { setQueueDomainsAction } from "./actions";
import { ActionMessage, type Message } from "@/components/ui/action-message";
import { input, smallButton } from "@/components/ui/tokens";

export function DomainsEditor({ slug, domains }: { slug: string; domains: string[] }) {
  const router = useRouter();
  const [value, setValue] = useState(domains.join(", "));
  const [message, setMessage] = useState<Message>(null);
  const [busy, startTransition] = useTransition();
  const fieldId = `domains-${slug}`;
  return (
    <div className="space-y-1">
      {domains.length === 0 ? (
        <p className="text-xs font-medium text-red-700 dark:text-red-300">Governs no domain: every proposal is refused until you add one.</p>
      ) : (
        <ul aria-label={`Domains of ${slug}`} className="flex flex-wrap gap-1">
          {domains.map((d) => (
            <li key={d} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">{d}</li>
          ))}
        </ul>
      )}
      <form
        className="flex flex-wrap items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          setMessage(null);
          startTransition(async () => {
            const result = await setQueueDomainsAction({ slug, domains: splitDomainList(value) });
            if (result.ok) {
              setValue(result.data.domains.join(", "));
              setMessage({
                tone: "ok",
                text: result.data.changed ? `Saved: ${slug} now governs ${result.data.domains.join(", ")}.` : "Nothing changed.",
              });
            } else setMessage({ tone: "error", text: result.error.message });
            router.refresh();
          });
        }}
      >
        <label htmlFor={fieldId} className="sr-only">Scope domains governed by {slug}, separated by commas</label>
        <input
          id={fieldId}
          name="domains"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          className={`${input} h-7 w-56 font-mono text-xs`}
        />
        <button type="submit" disabled={busy} className={smallButton}>
          {busy ? "Saving…" : "Save domains"}
          <span className="sr-only"> of {slug}</span>
        </button>
      </form>
      <ActionMessage message={message} />
    </div>
  );
}
