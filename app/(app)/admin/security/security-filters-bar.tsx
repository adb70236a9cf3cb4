// The security log's filter bar.
import { ACTOR_TYPES, hasActiveSecurityFilters, type SecurityFilters } from "@/lib/security/security-filters";
import { FilterActions, FilterBar, FilterDays, FilterHelp, FilterSelect, FilterText } from "@/components/ui/filter-bar";

export function SecurityFiltersBar({ filters, codes }: { filters: SecurityFilters; codes: string[] }) {
  const codeOptions = filters.code && !codes.includes(filters.code) ? [filters.code, ...codes] : codes;
  return (
    <FilterBar action="/admin/security" label="Filter the security log">
      <FilterSelect label="Code" name="code" defaultValue={filters.code} width="w-52" any="Any code" options={codeOptions.map((c) => [c, c])} />
      <FilterSelect label="Actor type" name="actorType" defaultValue={filters.actorType} width="w-36" any="Any" options={ACTOR_TYPES.map((t) => [t, t])} />
      <FilterText label="Who" name="actor" type="search" defaultValue={filters.actor} width="w-60" placeholder="email, agent name or id" describedBy="security-actor-help" />
      <FilterDays from={filters.from} to={filters.to} />
      <FilterActions active={hasActiveSecurityFilters(filters)} resetHref="/admin/security" />
      <FilterHelp id="security-actor-help">
        “Who” matches part of a user’s email or an agent’s name, an exact user or agent id, or the exact email someone tried to sign in as.
      </FilterHelp>
    </FilterBar>
  );
}
