// The receipts filter bar: a plain GET form, so filters live in the URL (shareable,
// bookmarkable, the same URL feeds the exports) and it works without JavaScript.
import { hasActiveFilters, KIND_FILTER_LABELS, KIND_FILTERS, type ReceiptFilters } from "@/lib/receipts/receipt-filters";
import type { FilterOptions } from "@/lib/receipts/list-receipts";
import { FilterActions } from "@/components/filter-actions";

const field =
  "h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 focus:outline-none focus:ring-2 focus:ring-blue-600/40";
const labelClass = "flex flex-col gap-0.5 text-xs font-medium text-zinc-600 dark:text-zinc-400";

/** Options for a select, keeping a value from the URL that the list does not know, so the form shows what filters the page. */
function withCurrent(options: [string, string][], current: string | undefined): [string, string][] {
  if (!current || options.some(([value]) => value === current)) return options;
  return [[current, `${current} (not found)`], ...options];
}

export function ReceiptFiltersBar({ filters, options }: { filters: ReceiptFilters; options: FilterOptions }) {
  const deciders = withCurrent(
    options.deciders.map((d) => [d.id, `${d.name} <${d.email}>`]),
    filters.decider,
  );
  const agents = withCurrent(options.agents.map((a) => [a, a]), filters.agent);
  const queues = withCurrent(options.queues.map((q) => [q.slug, q.name]), filters.queue);

  return (
    <form method="get" action="/receipts" role="search" aria-label="Filter receipts" className="flex flex-wrap items-end gap-x-3 gap-y-2 rounded-md border border-zinc-200 bg-zinc-50 p-2 dark:border-zinc-800 dark:bg-zinc-900/50">
      <label className={labelClass}>
        Kind
        <select name="kind" defaultValue={filters.kind} className={`${field} w-64`} aria-describedby="receipts-kind-help">
          <optgroup label="Groups">
            {KIND_FILTERS.slice(0, 3).map((k) => (
              <option key={k} value={k}>
                {KIND_FILTER_LABELS[k]}
              </option>
            ))}
          </optgroup>
          <optgroup label="One kind">
            {KIND_FILTERS.slice(3).map((k) => (
              <option key={k} value={k}>
                {KIND_FILTER_LABELS[k]}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <label className={labelClass}>
        Decided by
        <select name="decider" defaultValue={filters.decider ?? ""} className={`${field} w-56`}>
          <option value="">Anyone</option>
          {deciders.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <label className={labelClass}>
        Agent
        <select name="agent" defaultValue={filters.agent ?? ""} className={`${field} w-44`}>
          <option value="">Any agent</option>
          {agents.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <label className={labelClass}>
        Queue
        <select name="queue" defaultValue={filters.queue ?? ""} className={`${field} w-44`}>
          <option value="">Any queue</option>
          {queues.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <label className={labelClass}>
        From (UTC)
        <input type="date" name="from" defaultValue={filters.from ?? ""} className={`${field} w-36`} />
      </label>
      <label className={labelClass}>
        To (UTC, inclusive)
        <input type="date" name="to" defaultValue={filters.to ?? ""} className={`${field} w-36`} />
      </label>
      <label className={labelClass}>
        Batch
        <input
          type="text"
          name="batch"
          defaultValue={filters.batch ?? ""}
          placeholder="batch id"
          spellCheck={false}
          autoComplete="off"
          className={`${field} w-40 font-mono text-xs`}
        />
      </label>
      <FilterActions active={hasActiveFilters(filters)} resetHref="/receipts" />
      <p id="receipts-kind-help" className="basis-full text-xs text-zinc-500 dark:text-zinc-400">
        By default every kind except <code className="font-mono">proposed</code> is shown, so decisions stand out; choose “Everything” to include
        proposal submissions, or “Decisions” for approvals and rejections only. Days are UTC and both ends are included.
      </p>
    </form>
  );
}
