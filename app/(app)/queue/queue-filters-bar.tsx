"use client";
// Filters and status tabs. They live in the URL, so any view can be shared.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { input, link } from "@/components/ui/tokens";
import { queueFiltersToSearch, SORTS, type QueueFilters } from "@/lib/proposals/queue-filters";

const STATUS_TABS = ["pending", "approved", "rejected", "expired", "executed", "failed", "cancelled", "revoked", "all"] as const;
const selectClass = input;

type Options = { queues: { slug: string; name: string }[]; agents: string[] };

export function QueueFiltersBar({ filters, counts, options }: { filters: QueueFilters; counts: Record<string, number>; options: Options }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [text, setText] = useState(filters.q ?? "");
  const go = (change: Partial<QueueFilters>) => startTransition(() => router.push(`/queue${queueFiltersToSearch({ ...filters, ...change })}`));

  return (
    <div className="space-y-2">
      <nav aria-label="Status" className="flex flex-wrap items-center gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {STATUS_TABS.map((status) => {
          const active = filters.status === status;
          return (
            <Link
              key={status}
              href={`/queue${queueFiltersToSearch({ ...filters, status })}`}
              aria-current={active ? "page" : undefined}
              className={`-mb-px border-b-2 px-3 py-1.5 text-sm capitalize ${
                active ? "border-blue-600 font-medium text-zinc-950 dark:text-white" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
              }`}
            >
              {status} <span className="ml-1 rounded bg-zinc-100 px-1.5 text-xs tabular-nums text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">{(counts[status] ?? 0).toLocaleString("en-US")}</span>
            </Link>
          );
        })}
        {pending && <span className="ml-auto text-xs text-zinc-500" role="status">Loading…</span>}
      </nav>
      <form
        className="flex flex-wrap items-center gap-2"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          go({ q: text.trim() || undefined });
        }}
      >
        <label className="sr-only" htmlFor="queue-search">Search</label>
        <input
          id="queue-search"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Search…  ( / )"
          className={`${selectClass} w-72`}
          data-shortcut-search
        />
        <Select label="Queue" value={filters.queue} onChange={(queue) => go({ queue })} options={options.queues.map((q) => [q.slug, q.name])} />
        <Select label="Tier" value={filters.tier} onChange={(tier) => go({ tier: tier as QueueFilters["tier"] })} options={[["read", "read"], ["write:draft", "write:draft"], ["commit", "commit"]]} />
        <Select label="Risk" value={filters.risk} onChange={(risk) => go({ risk: risk as QueueFilters["risk"] })} options={[["low", "low"], ["medium", "medium"], ["high", "high"], ["critical", "critical"]]} />
        <Select label="Agent" value={filters.agent} onChange={(agent) => go({ agent })} options={options.agents.map((a) => [a, a])} />
        <select
          aria-label="Execution"
          className={selectClass}
          value={filters.flag ?? ""}
          // A flag spans statuses (approved; executed or failed), so it shows in "all".
          onChange={(e) => go({ flag: (e.target.value || undefined) as QueueFilters["flag"], ...(e.target.value ? { status: "all" as const } : {}) })}
        >
          <option value="">Any execution</option>
          <option value="not_executed">Approved, not executed</option>
          <option value="digest_mismatch">Executed digest differs</option>
          <option value="stale_target">Not executed: target changed</option>
        </select>
        <label className="flex items-center gap-1 text-sm text-zinc-600 dark:text-zinc-400">
          Sort
          <select aria-label="Sort" className={selectClass} value={filters.sort} onChange={(e) => go({ sort: e.target.value as QueueFilters["sort"] })}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {{ newest: "Newest", oldest: "Oldest", risk: "Highest risk", expiry: "Soonest to expire" }[s]}
              </option>
            ))}
          </select>
        </label>
        {(filters.queue || filters.tier || filters.risk || filters.agent || filters.q || filters.flag) && (
          <Link href={`/queue${queueFiltersToSearch({ status: filters.status, sort: filters.sort })}`} className={`text-sm ${link}`}>
            Clear filters
          </Link>
        )}
      </form>
    </div>
  );
}

function Select({ label, value, onChange, options }: { label: string; value: string | undefined; onChange: (v: string | undefined) => void; options: [string, string][] }) {
  return (
    <select aria-label={label} className={selectClass} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)}>
      <option value="">All {label.toLowerCase()}s</option>
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </select>
  );
}
