import "server-only";
// The backlog: one page of proposals for the filters, by cursor, never the
// whole table; plus counts per status for the tabs.
import { db } from "@/lib/db/client";
import { searchProposals } from "@/lib/proposals/search-proposals";
import { countSearchMatches, searchPageIds } from "@/lib/proposals/search-queue";
import type { QueueFilters } from "@/lib/proposals/queue-filters";
import { effectiveStatus } from "@/lib/proposal-state/status";
import type { Prisma } from "@/generated/sqlite/client";
import { env } from "@/lib/env";
import { secondApproversNeeded, type SecondApprover } from "@/lib/proposals/second-approver";
import { executionFlagOf, overdueCutoff, type ExecutionFlag } from "@/lib/executions/execution-flags";
import { readTally, type TallyRow } from "@/lib/proposals/proposal-tally";
import { standingDeciders, type StandingDecider } from "@/lib/standing-approvals/standing-approval-deciders";
import { queuePageRows } from "@/lib/proposals/queue-page-rows";

export const PAGE_SIZE = 50;

export type QueueRow = {
  id: string;
  title: string;
  intent: string;
  status: string;
  tier: string;
  risk: string;
  queue: { slug: string; name: string };
  agent: { name: string; model: string | null };
  actor: { name: string | null; email: string | null; id: string };
  createdAt: string;
  expiresAt: string | null;
  /** The plan version shown, sent back with a decision so it lands on what was reviewed. */
  version: number;
  /** Quorum progress: "1 of 2 approvals" while pending. */
  approvals: { count: number; required: number };
  /** Pending after an edit of commit arguments: someone other than the editor must approve. */
  secondApprover: SecondApprover | null;
  /** "Not executed" (approved long ago, no report) or "digest differs" (executed on another digest). */
  executionFlag: ExecutionFlag | null;
  /** The standing approval that approved it at intake (the decider), if one did. */
  standingApproval?: StandingDecider | null;
  /** The agent sent no rollback plan: once executed, it cannot be rolled back from Countersign. */
  irreversible?: boolean;
};

export type QueuePage = { rows: QueueRow[]; nextCursor: string | null };

/** Everything but the status: shared by the page query and the per-status counts. */
export async function baseWhere(filters: QueueFilters): Promise<Prisma.ProposalWhereInput[]> {
  const and: Prisma.ProposalWhereInput[] = [];
  if (filters.queue) and.push({ queue: { slug: filters.queue } });
  if (filters.tier) and.push({ tier: filters.tier });
  if (filters.risk) and.push({ risk: filters.risk });
  if (filters.agent) and.push({ agent: { name: filters.agent } });
  // The text search narrows to the matching ids (search-proposals.ts); every other filter still applies.
  if (filters.q) and.push({ id: { in: (await searchProposals(filters.q)).ids } });
  if (filters.flag === "not_executed") and.push({ status: "approved", decidedAt: { lte: overdueCutoff(env().EXECUTION_OVERDUE_HOURS) } });
  if (filters.flag === "digest_mismatch") and.push({ execution: { is: { digestMatches: false } } });
  if (filters.flag === "stale_target") and.push({ execution: { is: { outcome: "stale" } } });
  return and;
}

/** Pending-but-past-expiry counts as expired everywhere, before any sweeper runs. */
export function statusWhere(status: string, now: Date): Prisma.ProposalWhereInput {
  if (status === "all") return {};
  if (status === "pending") return { status: "pending", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  if (status === "expired") return { OR: [{ status: "expired" }, { status: "pending", expiresAt: { lte: now } }] };
  return { status };
}

/** The queue's order for a sort: the list's pages, and a view snapshot's cap (view-snapshot.ts) take the same first items. */
export function orderBy(sort: QueueFilters["sort"]): Prisma.ProposalOrderByWithRelationInput[] {
  switch (sort) {
    case "oldest":
      return [{ createdAt: "asc" }, { id: "asc" }];
    case "risk":
      return [{ riskRank: "desc" }, { createdAt: "desc" }, { id: "desc" }];
    case "expiry":
      return [{ expiresAt: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }, { id: "desc" }];
    default:
      return [{ createdAt: "desc" }, { id: "desc" }];
  }
}


export async function listQueue(filters: QueueFilters, cursor: string | null, now = new Date()): Promise<QueuePage> {
  // The page's ids first, then their rows: the ids alone can come from an index (filters, order and id in
  // it), where sorting whole rows would read every row the filters keep before taking the first 51.
  const ids = filters.q && !filters.flag
    ? await searchPageIds(filters, cursor, PAGE_SIZE + 1, now)
    : filters.sort === "expiry" && filters.status === "pending" && !cursor
      ? await pendingByExpiryIds(filters, now)
      : (
          await db.proposal.findMany({
            where: { AND: [...(await baseWhere(filters)), statusWhere(filters.status, now)] },
            orderBy: orderBy(filters.sort),
            take: PAGE_SIZE + 1,
            ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
            select: { id: true },
          })
        ).map((r) => r.id);
  const rows = await queuePageRows(ids);
  const page = rows.slice(0, PAGE_SIZE);
  const standing = await standingDeciders(page);
  const second = await secondApproversNeeded(page.map((p) => ({ id: p.id, status: effectiveStatus(p.status, p.expiresAt, now), commitEditedById: p.commitEditedById })));
  return {
    rows: page.map((p) => ({
      id: p.id,
      title: p.title,
      intent: p.intent,
      status: effectiveStatus(p.status, p.expiresAt, now),
      tier: p.tier,
      risk: p.risk,
      queue: p.queue,
      agent: { name: p.agent.name, model: p.agentModel },
      actor: { id: p.actorId, name: p.actorName, email: p.actorEmail },
      createdAt: p.createdAt.toISOString(),
      expiresAt: p.expiresAt?.toISOString() ?? null,
      version: p.version,
      approvals: { count: p.approvalCount, required: p.requiredApprovals },
      secondApprover: second.get(p.id) ?? null,
      executionFlag: executionFlagOf({ status: p.status, decidedAt: p.decidedAt, digestMatches: p.execution?.digestMatches, executionOutcome: p.execution?.outcome }, env().EXECUTION_OVERDUE_HOURS, now),
      standingApproval: standing.get(p.id) ?? null,
      irreversible: !p.hasRollbackPlan,
    })),
    nextCursor: rows.length > PAGE_SIZE ? page.at(-1)!.id : null,
  };
}

/**
 * The first page of the pending tab by expiry (soonest first, none last), as
 * two reads in index order: the ones with an expiry still ahead, then, if the
 * page has room, the ones without. One query with "expiry null or ahead" and
 * nulls last read every match of the filters (49,000 of a million under a
 * risk and a tier) and sorted them; the same ids as orderBy("expiry") (tested
 * in list-queue-expiry.db.test.ts). Later pages (a cursor) keep the one query.
 */
export async function pendingByExpiryIds(filters: QueueFilters, now: Date, take = PAGE_SIZE + 1): Promise<string[]> {
  const base = await baseWhere(filters);
  const ahead = await db.proposal.findMany({
    where: { AND: [...base, { status: "pending", expiresAt: { gt: now } }] },
    orderBy: [{ expiresAt: "asc" }, { createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true },
  });
  if (ahead.length === take) return ahead.map((r) => r.id);
  const none = await db.proposal.findMany({
    where: { AND: [...base, { status: "pending", expiresAt: null }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take - ahead.length,
    select: { id: true },
  });
  return [...ahead, ...none].map((r) => r.id);
}

export type StatusCounts = Record<string, number>;

/**
 * Counts for the status tabs. Without a text search or an execution flag,
 * every filter (queue, agent, tier, risk) is a key of the tally the database
 * keeps (proposal-tally.ts), so the counts are sums over a few thousand keys,
 * exact, whatever the table's size; only the pending proposals already past
 * their expiry (shown as expired) are counted by query, on the
 * (status, expiresAt) index. A text search counts its matches as the search
 * returned them (search-queue.ts); an execution flag counts by query. Every signed-in role sees every proposal, so no count is narrowed
 * by who asks.
 */
export async function countByStatus(filters: QueueFilters, now = new Date()): Promise<StatusCounts> {
  if (filters.q && !filters.flag) return countSearchMatches(filters, now);
  const base = await baseWhere(filters);
  const [byStatus, stalePending] = await Promise.all([
    filters.flag ? countByQuery(base) : countByTally(filters),
    db.proposal.count({ where: { AND: [...base, { status: "pending", expiresAt: { lte: now } }] } }),
  ]);
  const counts: StatusCounts = {};
  let all = 0;
  for (const [status, n] of byStatus) {
    counts[status] = n;
    all += n;
  }
  counts.pending = (counts.pending ?? 0) - stalePending;
  counts.expired = (counts.expired ?? 0) + stalePending;
  counts.all = all;
  return counts;
}

async function countByQuery(base: Prisma.ProposalWhereInput[]): Promise<Map<string, number>> {
  const groups = await db.proposal.groupBy({ by: ["status"], where: { AND: base }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.status, g._count._all]));
}

/** The tally's keys that the queue and agent filters (by slug and name) and tier and risk select. */
export async function tallyFor(filters: { queue?: string; agent?: string; tier?: string; risk?: string }): Promise<TallyRow[]> {
  const [rows, queue, agent] = await Promise.all([
    readTally(),
    filters.queue ? db.queue.findUnique({ where: { slug: filters.queue }, select: { id: true } }) : undefined,
    filters.agent ? db.agent.findUnique({ where: { name: filters.agent }, select: { id: true } }) : undefined,
  ]);
  // A filter naming no queue or agent matches nothing (as the query's relation filter would).
  if (queue === null || agent === null) return [];
  return rows.filter((r) => (!queue || r.queueId === queue.id) && (!agent || r.agentId === agent.id) && (!filters.tier || r.tier === filters.tier) && (!filters.risk || r.risk === filters.risk));
}

async function countByTally(filters: QueueFilters): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const r of await tallyFor(filters)) counts.set(r.status, (counts.get(r.status) ?? 0) + r.n);
  return counts;
}

export async function listFilterOptions() {
  const [queues, agents] = await Promise.all([
    db.queue.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
    db.agent.findMany({ orderBy: { name: "asc" }, select: { name: true } }),
  ]);
  return { queues, agents: agents.map((a) => a.name) };
}
