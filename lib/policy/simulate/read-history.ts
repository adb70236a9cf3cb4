import "server-only";
// Rebuilds the questions the live engine asked, from what the database
// recorded: each proposal of the period with its agent (grant, sponsor), queue
// and envelope fields, and each person's vote on it with the role they
// decided in. Read in pages ordered by id, so memory stays flat however long
// the period.
import { databaseTarget, db } from "@/lib/db/client";
import { qualifiedTable } from "@/lib/db/qualified-table";
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
  decisions: HistoricalDecision[];
};

const PAGE = 5000;

const param = (n: number) => (databaseTarget.provider === "postgresql" ? `$${n}` : "?");
// One statement per page, the same on both databases: a page of proposals of
// the period (keyset on id) with each one's votes joined, in vote order. Plain
// SQL because the history is read whole: it costs about a fifth less CPU than
// the query builder's two queries per page (docs/benchmarks.md). The
// `id > ''` start holds for every id, so the first page needs no other text.
// Only the columns the questions and the report need: selecting `status` and `createdAt` too (they
// lie after the large JSON columns) cost about a third more of the driver's CPU on SQLite
// (1.6 s instead of 1.1 s for 100,000 rows, docs/benchmarks.md).
const PAGE_SQL = `SELECT p."id", p."title", p."tier", p."risk", p."intent", p."scopes", p."actorEmail", p."queueId", p."agentId",
  d."userId" AS "voter", d."outcome" AS "outcome", d."createdAt" AS "votedAt"
FROM (SELECT "id", "title", "tier", "risk", "intent", "scopes", "actorEmail", "queueId", "agentId"
      FROM ${qualifiedTable("Proposal")} WHERE "createdAt" >= ${param(1)} AND "id" > ${param(2)} ORDER BY "id" LIMIT ${param(3)}) p
LEFT JOIN ${qualifiedTable("Decision")} d ON d."proposalId" = p."id"
ORDER BY p."id", d."createdAt", d."id"`;
// The decision receipts of the page's id range, read only when the page has votes.
const RECEIPT_ROLE_SQL = `SELECT "proposalId", "actorId", "actor" FROM ${qualifiedTable("Receipt")}
WHERE "proposalId" > ${param(1)} AND "proposalId" <= ${param(2)} AND "kind" IN ('approved', 'rejected', 'approval')`;

type PageRow = {
  id: string;
  title: string;
  tier: string;
  risk: string;
  intent: string;
  scopes: unknown;
  actorEmail: string | null;
  queueId: string;
  agentId: string;
  voter: string | null;
  outcome: string | null;
  votedAt: Date | string | null;
};

// The adapters type a raw column by its declared type; through the subquery
// and the outer join a driver may hand back the stored text instead, so both
// shapes are accepted.
const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const asJson = (value: unknown) => {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
};

function higher(a: Role, b: Role): Role {
  return ROLES.indexOf(a) >= ROLES.indexOf(b) ? a : b;
}

/** The proposals created since `since`, in pages of PAGE. */
export async function* readHistory(since: Date): AsyncGenerator<HistoricalProposal[]> {
  const roleOf = await membershipRoles();
  // Small tables, read once: a page then costs one statement (two when it has votes).
  const queues = new Map((await db.queue.findMany({ select: { id: true, slug: true, separationOfDuties: true } })).map((q) => [q.id, q]));
  const agents = new Map(
    (await db.agent.findMany({ select: { id: true, name: true, scopes: true, sponsorId: true } })).map((a) => [
      a.id,
      { id: a.id, name: a.name, scopes: stringList(a.scopes), sponsorId: a.sponsorId },
    ]),
  );
  const users = new Map((await db.user.findMany({ select: { id: true, email: true, name: true, role: true } })).map((u) => [u.id, u]));
  let cursor = "";
  for (;;) {
    const rows = await db.$queryRawUnsafe<PageRow[]>(PAGE_SQL, since, cursor, PAGE);
    if (rows.length === 0) return;
    const after = cursor;
    cursor = rows[rows.length - 1]!.id;
    const recorded = rows.some((r) => r.voter !== null) ? await recordedRoles(after, cursor) : new Map<string, string>();
    const page: HistoricalProposal[] = [];
    let current: HistoricalProposal | undefined;
    for (const row of rows) {
      if (current?.facts.id !== row.id) {
        const queue = queues.get(row.queueId)!;
        const agent = agents.get(row.agentId)!;
        current = {
          facts: {
            id: row.id,
            queueSlug: queue.slug,
            separationOfDuties: Boolean(queue.separationOfDuties),
            tier: row.tier,
            risk: row.risk,
            intent: row.intent,
            scopes: stringList(asJson(row.scopes)),
            sponsorId: agent.sponsorId,
            actorEmail: row.actorEmail,
          },
          agent,
          title: row.title,
          decisions: [],
        };
        page.push(current);
      }
      if (row.voter === null) continue;
      const user = users.get(row.voter);
      if (!user) continue;
      // The decision's receipt names the person as they were then (their global role at that moment).
      const recordedRole = recorded.get(`${row.id}:${row.voter}`) ?? user.role;
      current.decisions.push({
        user: { ...user, role: roleOf(user.id, row.queueId, recordedRole) },
        action: row.outcome === "rejected" ? "reject" : "approve",
        at: asDate(row.votedAt!),
      });
    }
    yield page;
    if (page.length < PAGE) return;
  }
}

/**
 * The role each voter's decision receipt recorded, by `proposalId:userId`, for
 * the proposals whose ids lie in (after, last]: a range over the
 * (proposalId, seq) index instead of a long IN list, which the SQLite driver caps.
 */
async function recordedRoles(after: string, last: string): Promise<Map<string, string>> {
  const receipts = await db.$queryRawUnsafe<{ proposalId: string; actorId: string | null; actor: unknown }[]>(RECEIPT_ROLE_SQL, after, last);
  const recorded = new Map<string, string>();
  for (const r of receipts) {
    const role = (asJson(r.actor) as { role?: unknown } | null)?.role;
    if (typeof role === "string") recorded.set(`${r.proposalId}:${r.actorId}`, role);
  }
  return recorded;
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
