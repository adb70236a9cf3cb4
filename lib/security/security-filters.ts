// The security log's filters and page cursor, as they appear in the URL.
// Parsing never throws: an unknown or malformed value means "no filter".
import { z } from "zod";
import { isDay } from "@/lib/base/time-range";
import { firstValues, type SearchParams } from "@/lib/base/search-params";

export const ACTOR_TYPES = ["user", "agent", "tool", "anonymous"] as const;
export type ActorTypeFilter = (typeof ACTOR_TYPES)[number];

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);
const optionalDay = z.string().refine(isDay).optional().catch(undefined);

export const securityFiltersSchema = z.object({
  /** A refusal code, exactly (forbidden, unauthenticated, separation_of_duties, ...). */
  code: z.string().trim().regex(/^[a-z_]{1,64}$/).optional().catch(undefined),
  actorType: z.enum(ACTOR_TYPES).optional().catch(undefined),
  /** A user id, an agent id, part of a user's email or an agent's name, or an email someone tried to sign in as. */
  actor: optionalText(200),
  /** Inclusive UTC days. */
  from: optionalDay,
  to: optionalDay,
});
export type SecurityFilters = z.infer<typeof securityFiltersSchema>;

/** Keyset cursor: the last row shown (createdAt, id), so paging is stable while new refusals arrive. */
export type SecurityCursor = { createdAt: Date; id: string };

export function parseSecurityFilters(params: SearchParams): SecurityFilters {
  return securityFiltersSchema.parse(firstValues(params));
}

export function encodeSecurityCursor(cursor: SecurityCursor): string {
  return `${cursor.createdAt.getTime()}_${cursor.id}`;
}

export function parseSecurityCursor(params: SearchParams): SecurityCursor | null {
  const match = /^(\d{1,15})_([A-Za-z0-9_-]{1,64})$/.exec(firstValues(params).cursor ?? "");
  if (!match) return null;
  return { createdAt: new Date(Number(match[1])), id: match[2]! };
}

export function hasActiveSecurityFilters(filters: SecurityFilters): boolean {
  return !!(filters.code || filters.actorType || filters.actor || filters.from || filters.to);
}

/** The URL query for a set of filters (and optional extras such as the cursor). */
export function securityFiltersToSearch(filters: SecurityFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ["code", "actorType", "actor", "from", "to"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}
