import { exact } from "@/lib/format-time";

// A titled block of the proposal page; the heading names the region for screen readers.
export function Section({ id, title, aside, children }: { id: string; title: React.ReactNode; aside?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-md border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <h2 id={`${id}-heading`} className="text-sm font-semibold">
          {title}
        </h2>
        {aside && <div className="text-xs text-zinc-500 dark:text-zinc-400">{aside}</div>}
      </div>
      <div className="p-3">{children}</div>
    </section>
  );
}

/** A digest shortened for reading, complete in the title and for copying. */
export function Digest({ value, label = "digest" }: { value: string; label?: string }) {
  return (
    <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400" title={value}>
      <span className="sr-only">{label} </span>
      {value.slice(0, 12)}…
    </span>
  );
}

export function Time({ iso, text }: { iso: string; text: string }) {
  return (
    <time dateTime={iso} title={exact(iso)}>
      {text}
    </time>
  );
}
