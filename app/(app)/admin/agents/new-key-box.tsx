"use client";
// A new API key, shown once: the server keeps only its hash.
import { useState } from "react";
import { secondaryButton } from "@/components/ui/tokens";

export function NewKeyBox({ agent, apiKey, onDone, kind = "API key" }: { agent: string; apiKey: string; onDone: () => void; kind?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="alert" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950/60">
      <p className="text-sm font-semibold text-amber-900 dark:text-amber-100">
        New {kind} for {agent}. Copy it now: it is shown only this once and cannot be recovered.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="new-api-key" className="sr-only">New {kind} for {agent}</label>
        <input
          id="new-api-key"
          readOnly
          value={apiKey}
          onFocus={(e) => e.currentTarget.select()}
          className="h-8 min-w-[28rem] flex-1 rounded-md border border-amber-300 bg-white px-2 font-mono text-xs dark:border-amber-800 dark:bg-zinc-950"
        />
        <button
          type="button"
          className={secondaryButton}
          onClick={async () => {
            await navigator.clipboard?.writeText(apiKey).catch(() => {});
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" className={secondaryButton} onClick={onDone}>
          I have stored it
        </button>
      </div>
    </div>
  );
}
