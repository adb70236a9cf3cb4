import "server-only";
// The queue under a text search: the search returns its matches (at most
// SEARCH_MATCH_CAP per source) with the columns the queue filters, counts and
// sorts by, so the page's ids and the per-status counts are worked out here
// from those rows, with the same meaning as the query builder's filters,
// orders and cursor (list-queue.ts), instead of sending thousands of ids back
// to the database as an `id IN` list (which PostgreSQL plans slowly, and
// which under an ascending sort walked the whole createdAt index).
import { db } from "@/lib/db/client";
import type { QueueFilters } from "@/lib/proposals/queue-filters";
import { searchProposals, type SearchMatch } from "@/lib/proposals/search-proposals";
import { effectiveStatus } from "@/lib/proposal-state/status";

type Order = (a: SearchMatch, b: SearchMatch) => number;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const newestFirst: Order = (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || byText(b.id, a.id);

/** The same orders as list-queue.ts's orderBy (expiry: soonest first, none last). */
export function matchOrder(sort: QueueFilters["sort"]): Order {
  switch (sort) {
    case "oldest":
      return (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || byText(a.id, b.id);
    case "risk":
      return (a, b) => b.riskRank - a.riskRank || newestFirst(a, b);
    case "expiry":
      return (a, b) => {
        if (a.expiresAt === null || b.expiresAt === null) return a.expiresAt === b.expiresAt ? newestFirst(a, b) : a.expiresAt === null ? 1 : -1;
        return a.expiresAt.getTime() - b.expiresAt.getTime() || newestFirst(a, b);
      };
    default:
      return newestFirst;
  }
}

/** The matches the queue's other filters (queue by slug, agent by name, tier, risk) keep; the status is left to the caller. */
async function filteredMatches(filters: QueueFilters): Promise<{ all: SearchMatch[]; kept: SearchMatch[] }> {
  const [search, queue, agent] = await Promise.all([
    searchProposals(filters.q ?? ""),
    filters.queue ? db.queue.findUnique({ where: { slug: filters.queue }, select: { id: true } }) : undefined,
    filters.agent ? db.agent.findUnique({ where: { name: filters.agent }, select: { id: true } }) : undefined,
  ]);
  if (queue === null || agent === null) return { all: search.matches, kept: [] };
  const kept = search.matches.filter((m) => (!queue || m.queueId === queue.id) && (!agent || m.agentId === agent.id) && (!filters.tier || m.tier === filters.tier) && (!filters.risk || m.risk === filters.risk));
  return { all: search.matches, kept };
}

/**
 * Up to `take` ids of one page: the filtered matches of the status, in the
 * sort's order, after the cursor's place in that order (the cursor may have
 * changed status since, as with the query builder's cursor).
 */
export async function searchPageIds(filters: QueueFilters, cursor: string | null, take: number, now = new Date()): Promise<string[]> {
  const order = matchOrder(filters.sort);
  const { all, kept } = await filteredMatches(filters);
  const matches = [...kept].sort(order);
  let start = 0;
  if (cursor) {
    const at = all.find((m) => m.id === cursor);
    if (!at) return [];
    start = matches.findIndex((m) => order(m, at) > 0);
    if (start < 0) return [];
  }
  const ids: string[] = [];
  for (let i = start; i < matches.length && ids.length < take; i++) {
    const m = matches[i]!;
    if (filters.status === "all" || effectiveStatus(m.status, m.expiresAt, now) === filters.status) ids.push(m.id);
  }
  return ids;
}

/** Counts per status of the filtered matches (pending past expiry as expired), and "all". */
export async function countSearchMatches(filters: QueueFilters, now = new Date()): Promise<Record<string, number>> {
  const matches = (await filteredMatches(filters)).kept;
  const counts: Record<string, number> = { all: matches.length, pending: 0, expired: 0 };
  for (const m of matches) {
    const status = effectiveStatus(m.status, m.expiresAt, now);
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}
