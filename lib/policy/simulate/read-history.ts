import "server-only";
// Rebuilds the questions the live engine asked, from what the database
// recorded: each proposal of the period with its agent (grant, sponsor), queue
// and envelope fields, and each person's vote on it with the role they
// decided in. Read in pages ordered by id, so memory stays flat however long
// the period.
import { db } from "@/lib/db/client";
import { ROLES, isRole, type Role } from "@/lib/users/roles";
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
  let cursor: string | undefined;
  for (;;) {
    const page = await db.proposal.findMany({
      where: { createdAt: { gte: since } },
      orderBy: { id: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        title: true,
        status: true,
        tier: true,
        risk: true,
        intent: true,
        scopes: true,
        actorEmail: true,
        createdAt: true,
        queueId: true,
        queue: { select: { slug: true, separationOfDuties: true } },
        agent: { select: { id: true, name: true, scopes: true, sponsorId: true } },
      },
    });
    if (page.length === 0) return;
    cursor = page[page.length - 1]!.id;
    const decisions = await readDecisions(page.map((p) => p.id));
    yield page.map((p) => ({
      facts: {
        id: p.id,
        queueSlug: p.queue.slug,
        separationOfDuties: p.queue.separationOfDuties,
        tier: p.tier,
        risk: p.risk,
        intent: p.intent,
        scopes: stringList(p.scopes),
        sponsorId: p.agent.sponsorId,
        actorEmail: p.actorEmail,
      },
      agent: { id: p.agent.id, name: p.agent.name, scopes: stringList(p.agent.scopes), sponsorId: p.agent.sponsorId },
      title: p.title,
      status: p.status,
      createdAt: p.createdAt,
      decisions: (decisions.get(p.id) ?? []).map((d) => ({
        user: { ...d.user, role: roleOf(d.user.id, p.queueId, d.recordedRole ?? d.user.role) },
        action: d.outcome === "rejected" ? "reject" : "approve",
        at: d.at,
      })),
    }));
    if (page.length < PAGE) return;
  }
}

type StoredDecision = { user: { id: string; email: string; name: string; role: string }; outcome: string; at: Date; recordedRole: string | null };

async function readDecisions(proposalIds: string[]): Promise<Map<string, StoredDecision[]>> {
  const rows = await db.decision.findMany({
    where: { proposalId: { in: proposalIds } },
    orderBy: { createdAt: "asc" },
    select: { proposalId: true, outcome: true, createdAt: true, user: { select: { id: true, email: true, name: true, role: true } } },
  });
  const byProposal = new Map<string, StoredDecision[]>();
  if (rows.length === 0) return byProposal;
  // The decision's receipt names the person as they were then (their global role at that moment).
  const receipts = await db.receipt.findMany({
    where: { proposalId: { in: [...new Set(rows.map((r) => r.proposalId))] }, kind: { in: ["approved", "rejected", "approval"] } },
    select: { proposalId: true, actorId: true, actor: true },
  });
  const recorded = new Map<string, string>();
  for (const r of receipts) {
    const role = (r.actor as { role?: unknown } | null)?.role;
    if (typeof role === "string") recorded.set(`${r.proposalId}:${r.actorId}`, role);
  }
  for (const row of rows) {
    const list = byProposal.get(row.proposalId) ?? [];
    list.push({ user: row.user, outcome: row.outcome, at: row.createdAt, recordedRole: recorded.get(`${row.proposalId}:${row.user.id}`) ?? null });
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
