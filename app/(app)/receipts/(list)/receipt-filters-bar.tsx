// The receipts filter bar; its URL also feeds the exports.
import { hasActiveFilters, KIND_FILTER_LABELS, KIND_FILTERS, type ReceiptFilters } from "@/lib/receipts/receipt-filters";
import type { FilterOptions } from "@/lib/receipts/list-receipts";
import { FilterActions, FilterBar, FilterDays, FilterHelp, FilterSelect, FilterText } from "@/components/ui/filter-bar";
import { field, stackedLabel } from "@/components/ui/tokens";

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
    <FilterBar action="/receipts" label="Filter receipts">
      <label className={stackedLabel}>
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
      <FilterSelect label="Decided by" name="decider" defaultValue={filters.decider} width="w-56" any="Anyone" options={deciders} />
      <FilterSelect label="Agent" name="agent" defaultValue={filters.agent} width="w-44" any="Any agent" options={agents} />
      <FilterSelect label="Queue" name="queue" defaultValue={filters.queue} width="w-44" any="Any queue" options={queues} />
      <FilterDays from={filters.from} to={filters.to} />
      <FilterText label="Batch" name="batch" defaultValue={filters.batch} width="w-40 font-mono text-xs" placeholder="batch id" />
      <FilterActions active={hasActiveFilters(filters)} resetHref="/receipts" />
      <FilterHelp id="receipts-kind-help">
        By default every kind except <code className="font-mono">proposed</code> is shown, so decisions stand out; choose “Everything” to include
        proposal submissions, or “Decisions” for approvals and rejections only. Days are UTC and both ends are included.
      </FilterHelp>
    </FilterBar>
  );
}
