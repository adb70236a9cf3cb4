// The queue's filters and sort, as they appear in the URL (so a view can be
// shared). Parsing never throws: an unknown value falls back to the default.
import { z } from "zod";
import { firstValues, type SearchParams } from "@/lib/base/search-params";
import { STATUSES } from "@/lib/proposal-state/status";
import { RISKS } from "@/lib/proposals/risk";
import { TIERS } from "@/lib/policy/scopes";
import { EXECUTION_FLAG_FILTERS } from "@/lib/executions/execution-flags";

export const SORTS = ["newest", "oldest", "risk", "expiry"] as const;
export type Sort = (typeof SORTS)[number];

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);

export const queueFiltersSchema = z.object({
  status: z.enum([...STATUSES, "all"]).catch("pending").default("pending"),
  queue: z.string().max(64).optional().catch(undefined),
  tier: optionalEnum(TIERS),
  risk: optionalEnum(RISKS),
  agent: z.string().max(64).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  /** Approved but not executed after EXECUTION_OVERDUE_HOURS, or executed on another digest. */
  flag: optionalEnum(EXECUTION_FLAG_FILTERS),
  sort: z.enum(SORTS).catch("newest").default("newest"),
});
export type QueueFilters = z.infer<typeof queueFiltersSchema>;

export function parseQueueFilters(params: SearchParams): QueueFilters {
  return queueFiltersSchema.parse(firstValues(params));
}

/** The URL query for a set of filters, leaving out defaults. */
export function queueFiltersToSearch(filters: Partial<QueueFilters>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === "") continue;
    if (key === "status" && value === "pending") continue;
    if (key === "sort" && value === "newest") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
