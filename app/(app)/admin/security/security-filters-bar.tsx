// The security log's filter bar: a plain GET form, so filters live in the URL
// (shareable, bookmarkable) and it works without JavaScript.
import { ACTOR_TYPES, hasActiveSecurityFilters, type SecurityFilters } from "@/lib/security/security-filters";
import { FilterActions } from "@/components/filter-actions";

const field =
  "h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 focus:outline-none focus:ring-2 focus:ring-blue-600/40";
const labelClass = "flex flex-col gap-0.5 text-xs font-medium text-zinc-600 dark:text-zinc-400";

export function SecurityFiltersBar({ filters, codes }: { filters: SecurityFilters; codes: string[] }) {
  const codeOptions = filters.code && !codes.includes(filters.code) ? [filters.code, ...codes] : codes;
  return (
    <form
      method="get"
      action="/admin/security"
      role="search"
      aria-label="Filter the security log"
      className="flex flex-wrap items-end gap-x-3 gap-y-2 rounded-md border border-zinc-200 bg-zinc-50 p-2 dark:border-zinc-800 dark:bg-zinc-900/50"
    >
      <label className={labelClass}>
        Code
        <select name="code" defaultValue={filters.code ?? ""} className={`${field} w-52`}>
          <option value="">Any code</option>
          {codeOptions.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
      </label>
      <label className={labelClass}>
        Actor type
        <select name="actorType" defaultValue={filters.actorType ?? ""} className={`${field} w-36`}>
          <option value="">Any</option>
          {ACTOR_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      <label className={labelClass}>
        Who
        <input
          type="search"
          name="actor"
          defaultValue={filters.actor ?? ""}
          placeholder="email, agent name or id"
          spellCheck={false}
          autoComplete="off"
          aria-describedby="security-actor-help"
          className={`${field} w-60`}
        />
      </label>
      <label className={labelClass}>
        From (UTC)
        <input type="date" name="from" defaultValue={filters.from ?? ""} className={`${field} w-36`} />
      </label>
      <label className={labelClass}>
        To (UTC, inclusive)
        <input type="date" name="to" defaultValue={filters.to ?? ""} className={`${field} w-36`} />
      </label>
      <FilterActions active={hasActiveSecurityFilters(filters)} resetHref="/admin/security" />
      <p id="security-actor-help" className="basis-full text-xs text-zinc-500 dark:text-zinc-400">
        “Who” matches part of a user’s email or an agent’s name, an exact user or agent id, or the exact email someone tried to sign in as.
      </p>
    </form>
  );
}
