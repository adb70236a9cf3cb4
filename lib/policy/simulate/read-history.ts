import "server-only";
// Rebuilds the questions the live engine asked, from what the database
// recorded: each proposal of the period with its agent (grant, sponsor), queue
// and envelope fields, and each person's vote on it with the role they
// decided in. Read in pages ordered by id, so memory stays flat however long
// the period.
import { db } from "@/lib/db/client";
import { ROLES, isRole, type Role } from "@/lib/roles/roles";
import type { AgentFacts, ProposalFacts } from "@/lib/policy/engine";

export type HistoricalDecision = {
  user: { id: string; email: string; name: string; role: string };
  action: "approve" | "reject";
  at: Date;
};

export type HistoricalProposal = {
  facts: ProposalFacts & { scopes: string[] };
  agent: AgentFacts;
  title: string;
  status: string;
  createdAt: Date;
  decisions: HistoricalDecision[];
};

const PAGE = 2000;

function higher(a: Role, b: Role): Role {
  return ROLES.indexOf(a) >= ROLES.indexOf(b) ? a : b;
}

/** The proposals created since `since`, in pages of PAGE. */
export async function* readHistory(since: Date): AsyncGenerator<HistoricalProposal[]> {
  const roleOf = await membershipRoles();
  // Small tables, read once: a page then costs one query for its proposals and one for their votes.
  const queues = new Map((await db.queue.findMany({ select: { id: true, slug: true, separationOfDuties: true } })).map((q) => [q.id, q]));
  const agents = new Map(
    (await db.agent.findMany({ select: { id: true, name: true, scopes: true, sponsorId: true } })).map((a) => [
      a.id,
      { id: a.id, name: a.name, scopes: stringList(a.scopes), sponsorId: a.sponsorId },
    ]),
  );
  const users = new Map((await db.user.findMany({ select: { id: true, email: true, name: true, role: true } })).map((u) => [u.id, u]));
  let cursor: string | undefined;
  for (;;) {
    const page = await db.proposal.findMany({
      where: { createdAt: { gte: since } },
      orderBy: { id: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, title: true, status: true, tier: true, risk: true, intent: true, scopes: true, actorEmail: true, createdAt: true, queueId: true, agentId: true },
    });
    if (page.length === 0) return;
    const after = cursor;
    cursor = page[page.length - 1]!.id;
    const decisions = await readDecisions(after, cursor);
    yield page.map((p) => {
      const queue = queues.get(p.queueId)!;
      const agent = agents.get(p.agentId)!;
      return {
        facts: {
          id: p.id,
          queueSlug: queue.slug,
          separationOfDuties: queue.separationOfDuties,
          tier: p.tier,
          risk: p.risk,
          intent: p.intent,
          scopes: stringList(p.scopes),
          sponsorId: agent.sponsorId,
          actorEmail: p.actorEmail,
        },
        agent,
        title: p.title,
        status: p.status,
        createdAt: p.createdAt,
        decisions: (decisions.get(p.id) ?? []).flatMap((d) => {
          const user = users.get(d.userId);
          if (!user) return [];
          return [{
            user: { ...user, role: roleOf(user.id, p.queueId, d.recordedRole ?? user.role) },
            action: d.outcome === "rejected" ? ("reject" as const) : ("approve" as const),
            at: d.at,
          }];
        }),
      };
    });
    if (page.length < PAGE) return;
  }
}

type StoredDecision = { userId: string; outcome: string; at: Date; recordedRole: string | null };

/**
 * The votes on the proposals whose ids lie in (after, last]: a range over the
 * (proposalId, userId) index instead of a long IN list, which the SQLite
 * driver caps. Votes on proposals of the range outside the period are
 * returned too and simply never looked up.
 */
async function readDecisions(after: string | undefined, last: string): Promise<Map<string, StoredDecision[]>> {
  const range = { ...(after === undefined ? {} : { gt: after }), lte: last };
  const rows = await db.decision.findMany({
    where: { proposalId: range },
    orderBy: { createdAt: "asc" },
    select: { proposalId: true, userId: true, outcome: true, createdAt: true },
  });
  const byProposal = new Map<string, StoredDecision[]>();
  if (rows.length === 0) return byProposal;
  // The decision's receipt names the person as they were then (their global role at that moment).
  const receipts = await db.receipt.findMany({
    where: { proposalId: range, kind: { in: ["approved", "rejected", "approval"] } },
    select: { proposalId: true, actorId: true, actor: true },
  });
  const recorded = new Map<string, string>();
  for (const r of receipts) {
    const role = (r.actor as { role?: unknown } | null)?.role;
    if (typeof role === "string") recorded.set(`${r.proposalId}:${r.actorId}`, role);
  }
  for (const row of rows) {
    const list = byProposal.get(row.proposalId) ?? [];
    list.push({ userId: row.userId, outcome: row.outcome, at: row.createdAt, recordedRole: recorded.get(`${row.proposalId}:${row.userId}`) ?? null });
    byProposal.set(row.proposalId, list);
  }
  return byProposal;
}

/**
 * The role a person decided in on a queue: the global role their receipt
 * recorded, raised by their membership of the queue (memberships are not
 * recorded per decision, so today's are used), as lib/users/queue-roles.ts does.
 */
async function membershipRoles(): Promise<(userId: string, queueId: string, globalRole: string) => string> {
  const rows = await db.membership.findMany({ select: { userId: true, queueId: true, role: true } });
  const everywhere = new Map<string, Role>();
  const perQueue = new Map<string, Role>();
  for (const row of rows) {
    if (!isRole(row.role)) continue;
    if (row.queueId === null) everywhere.set(row.userId, row.role);
    else perQueue.set(`${row.userId}:${row.queueId}`, row.role);
  }
  return (userId, queueId, globalRole) => {
    let role: Role = isRole(globalRole) ? globalRole : "viewer";
    const all = everywhere.get(userId);
    if (all) role = higher(role, all);
    const one = perQueue.get(`${userId}:${queueId}`);
    return one ? higher(role, one) : role;
  };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** How many proposals the period holds (for progress). */
export function countHistory(since: Date): Promise<number> {
  return db.proposal.count({ where: { createdAt: { gte: since } } });
}

/** How many proposals the last `days` days hold (for the admin page's progress text). */
export function countRecentHistory(days: number): Promise<number> {
  return countHistory(new Date(Date.now() - days * 86_400_000));
}
