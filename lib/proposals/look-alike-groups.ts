import "server-only";
// Look-alike groups of pending proposals (same shapeKey, see shape-key.ts):
// the queue's list of groups (from the database's tally, proposal-tally.ts) and one
// group's review table. Every signed-in role may view proposals (as on the
// proposal page), so the caller proves sign-in by passing the user; deciding
// goes through decideProposals, which checks each item's rights again.
import { databaseTarget, db } from "@/lib/db/client";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { packedRows } from "@/lib/db/packed-rows";
import { sqlParam, storedTimestamp } from "@/lib/db/raw-values";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Change, PlanStep } from "@/lib/proposals/envelope";
import { statusWhere, tallyFor } from "@/lib/proposals/list-queue";
import { MAX_BATCH } from "@/lib/proposals/decide-proposals";
import { SHAPE_KEY_PATTERN, shapeKey } from "@/lib/proposals/shape-key";
import { analyzeGroup, sameValues, valuesOf, type Cell, type Column, type Scalar } from "@/lib/proposals/look-alike-columns";

/** A group needs at least this many pending proposals to be worth reviewing as one. */
export const MIN_GROUP = 2;
/** Groups listed on the queue (largest first). */
const MAX_GROUPS = 12;
/** Earlier approved proposals of the shape read for first-time parties. */
const MAX_SEEN = 2000;
/** Statuses of proposals a person approved (first-time parties are new against these). */
const APPROVED = ["approved", "executed", "failed"];
/** Rows without a key filled in per read (rows from before the column existed, or the demo seed). */
const BACKFILL_BATCH = 2000;

export type LookAlikeGroup = { key: string; count: number; intent: string; title: string; agent: string; queue: { slug: string; name: string } };

/** "pay_vendor_bill" → "Pay vendor bill". */
export function intentLabel(intent: string): string {
  const words = intent.replace(/[_.:-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Fills the shape key of rows written before it existed: computed from the
 * envelope as the agent sent it (as intake does), one update per distinct key.
 */
export async function fillMissingShapeKeys(statuses: string[], limit = BACKFILL_BATCH): Promise<number> {
  // By status, so the lookup is on the (status, shapeKey) index, never a scan of the whole table.
  const rows = await db.proposal.findMany({ where: { status: { in: statuses }, shapeKey: null }, take: limit, select: { id: true, agentId: true, queueId: true, envelope: true } });
  const byKey = new Map<string, string[]>();
  for (const row of rows) {
    const e = row.envelope as { intent: string; plan: PlanStep[]; changes?: Change[] };
    const key = shapeKey({ agentId: row.agentId, queueId: row.queueId, intent: e.intent, plan: e.plan, changes: e.changes });
    byKey.set(key, [...(byKey.get(key) ?? []), row.id]);
  }
  for (const [key, ids] of byKey) await db.proposal.updateMany({ where: { id: { in: ids }, shapeKey: null }, data: { shapeKey: key } });
  return rows.length;
}

/** The queue's own filters narrow the groups it shows: a queue, an agent. */
export type GroupFilters = { queue?: string; agent?: string };

/**
 * Pending proposals already past their expiry, per shape key (the queue shows them as expired, the
 * tally still counts them as pending). Plain SQL: on its own, SQLite answered the GROUP BY by reading
 * every pending entry of the look-alike index in shape-key order (no sort) instead of the few past
 * their expiry on the (status, expiresAt, shapeKey, queueId, agentId) index, ~150 ms at 200,000 pending.
 */
async function staleByShape(filters: GroupFilters, now: Date): Promise<Map<string, number>> {
  const [queue, agent] = await Promise.all([
    filters.queue ? db.queue.findUnique({ where: { slug: filters.queue }, select: { id: true } }) : undefined,
    filters.agent ? db.agent.findUnique({ where: { name: filters.agent }, select: { id: true } }) : undefined,
  ]);
  if (queue === null || agent === null) return new Map();
  const params: unknown[] = ["pending", storedTimestamp(now)];
  let where = `"status" = ${sqlParam(1)} AND "expiresAt" <= ${sqlParam(2, "timestamp")} AND "shapeKey" IS NOT NULL`;
  if (queue) where += ` AND "queueId" = ${sqlParam(params.push(queue.id))}`;
  if (agent) where += ` AND "agentId" = ${sqlParam(params.push(agent.id))}`;
  const hint = databaseTarget.provider === "sqlite" ? ` INDEXED BY "Proposal_status_expiresAt_shapeKey_queueId_agentId_idx"` : "";
  const rows = await db.$queryRawUnsafe<{ shapeKey: string; n: number | bigint }[]>(
    `SELECT "shapeKey", COUNT(*) AS "n" FROM ${qualifiedTable("Proposal")}${hint} WHERE ${where} GROUP BY "shapeKey"`,
    ...params,
  );
  return new Map(rows.map((r) => [r.shapeKey, Number(r.n)]));
}

export async function listLookAlikeGroups(_user: CurrentUser, filters: GroupFilters = {}, now = new Date()): Promise<LookAlikeGroup[]> {
  await fillMissingShapeKeys(["pending"]);
  // Pending proposals per shape from the database's tally (proposal-tally.ts: exact, no scan of the pending
  // rows), less the pending ones already past their expiry (few; see staleByShape).
  const [tally, stale] = await Promise.all([
    tallyFor(filters),
    staleByShape(filters, now),
  ]);
  const counts = new Map<string, number>();
  for (const r of tally) if (r.status === "pending" && r.shapeKey !== "") counts.set(r.shapeKey, (counts.get(r.shapeKey) ?? 0) + r.n);
  for (const [key, n] of stale) counts.set(key, (counts.get(key) ?? 0) - n);
  const groups = [...counts]
    .filter(([, count]) => count >= MIN_GROUP)
    .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, MAX_GROUPS)
    .map(([shapeKey, count]) => ({ shapeKey, _count: { _all: count } }));
  const firsts = await firstItems(groups.map((g) => g.shapeKey));
  return groups.map((g) => {
    const first = firsts.get(g.shapeKey);
    return {
      key: g.shapeKey,
      count: g._count._all,
      intent: first?.intent ?? "",
      title: intentLabel(first?.intent ?? ""),
      agent: first?.agent ?? "",
      queue: first?.queue ?? { slug: "", name: "" },
    };
  });
}

/**
 * Each shape's first pending item (the first entry of its index range) with its agent's name and its
 * queue, for the group's label: one plain SQL read for all the groups (packed-rows.ts). Through the
 * query builder these were fourteen reads per pending page (a first item per group, then the agents
 * and the queues), each planned by Prisma's query compiler. The shape key covers agent, queue and
 * intent, so any pending item of the shape gives the same label.
 */
async function firstItems(keys: string[]): Promise<Map<string, { intent: string; agent: string; queue: { slug: string; name: string } }>> {
  if (keys.length === 0) return new Map();
  const [proposal, agent, queue] = [qualifiedTable("Proposal"), qualifiedTable("Agent"), qualifiedTable("Queue")];
  const one = (n: number) =>
    `SELECT f."shapeKey", f."intent", a."name" AS "agentName", q."slug" AS "queueSlug", q."name" AS "queueName"
     FROM (SELECT "shapeKey", "intent", "agentId", "queueId" FROM ${proposal} WHERE "shapeKey" = ${sqlParam(n)} AND "status" = 'pending' ORDER BY "createdAt" ASC LIMIT 1) AS f
     JOIN ${agent} a ON a."id" = f."agentId" JOIN ${queue} q ON q."id" = f."queueId"`;
  const rows = (await packedRows(
    [`"shapeKey"`, `"intent"`, `"agentName"`, `"queueSlug"`, `"queueName"`],
    keys.map((_, i) => `SELECT * FROM (${one(i + 1)}) AS ${`"g${i}"`}`).join(" UNION ALL "),
    ...keys,
  )) as [string, string, string, string, string][];
  return new Map(rows.map(([key, intent, agentName, slug, name]) => [key, { intent, agent: agentName, queue: { slug, name } }]));
}

export type GroupItem = {
  id: string;
  title: string;
  version: number;
  risk: string;
  tier: string;
  createdAt: string;
  approvals: { count: number; required: number };
};

export type LookAlikeGroupDetail = {
  key: string;
  intent: string;
  title: string;
  agent: string;
  queue: { slug: string; name: string };
  /** The plan as every item has it: tools, scopes, titles; argument values that are the same everywhere, null where they differ. */
  plan: { title: string; tool: string; scope: string; args: { name: string; value: Scalar | undefined; differs: boolean }[] }[];
  /** Values the same in every item outside the plan (inputs, change paths). */
  same: { path: string; value: Scalar }[];
  columns: Column[];
  rows: (GroupItem & { cells: Record<string, Cell> })[];
  /** More pending items than one decision may take (MAX_BATCH): the table shows the oldest. */
  truncated: boolean;
  /** Earlier approved proposals of the shape that the first-time marks compare with. */
  approvedBefore: number;
};

export async function getLookAlikeGroup(_user: CurrentUser, key: string, now = new Date()): Promise<LookAlikeGroupDetail | null> {
  if (!SHAPE_KEY_PATTERN.test(key)) return null;
  await fillMissingShapeKeys(["pending", ...APPROVED]);
  const pending = await db.proposal.findMany({
    where: { AND: [statusWhere("pending", now), { shapeKey: key }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: MAX_BATCH + 1,
    select: {
      id: true,
      title: true,
      intent: true,
      version: true,
      risk: true,
      tier: true,
      createdAt: true,
      approvalCount: true,
      requiredApprovals: true,
      inputs: true,
      plan: true,
      changes: true,
      agent: { select: { name: true } },
      queue: { select: { slug: true, name: true } },
    },
  });
  if (pending.length === 0) return null;
  const items = pending.slice(0, MAX_BATCH);
  const earlier = await db.proposal.findMany({
    where: { shapeKey: key, status: { in: APPROVED }, createdAt: { lt: now } },
    orderBy: { createdAt: "desc" },
    take: MAX_SEEN,
    select: { inputs: true, plan: true, changes: true },
  });
  const seen = new Map<string, Set<string>>();
  for (const e of earlier) {
    for (const [path, value] of valuesOf({ inputs: e.inputs, plan: e.plan as PlanStep[], changes: e.changes as Change[] | null })) {
      if (!seen.has(path)) seen.set(path, new Set());
      seen.get(path)!.add(String(value));
    }
  }
  const withValues = items.map((p) => ({
    id: p.id,
    title: p.title,
    version: p.version,
    risk: p.risk,
    tier: p.tier,
    createdAt: p.createdAt.toISOString(),
    approvals: { count: p.approvalCount, required: p.requiredApprovals },
    values: valuesOf({ inputs: p.inputs, plan: p.plan as PlanStep[], changes: p.changes as Change[] | null }),
  }));
  const { columns, rows } = analyzeGroup(withValues, seen);
  const same = sameValues(withValues.map((w) => w.values));
  const firstPlan = items[0]!.plan as PlanStep[];
  return {
    key,
    intent: items[0]!.intent,
    title: intentLabel(items[0]!.intent),
    agent: items[0]!.agent.name,
    queue: items[0]!.queue,
    plan: firstPlan.map((step, i) => ({
      title: step.title,
      tool: step.tool,
      scope: step.scope,
      args: Object.keys(step.args).sort().map((name) => {
        const path = `plan[${i}].args.${name}`;
        return { name, value: same.get(path), differs: !same.has(path) };
      }),
    })),
    same: [...same].filter(([path]) => !path.startsWith("plan[")).map(([path, value]) => ({ path, value })),
    columns,
    rows,
    truncated: pending.length > MAX_BATCH,
    approvedBefore: earlier.length,
  };
}
