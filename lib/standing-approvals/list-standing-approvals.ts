import "server-only";
// The standing approvals for /admin/policies: every grant (newest first) with
// its generated policy, its limits, its use count and whether it is in force.
import { db } from "@/lib/db/client";
import { adminActor, type AdminCaller } from "@/lib/users/admin-caller";
import type { Constraint } from "@/lib/standing-approvals/standing-approval-input";
import { standingPolicyId } from "@/lib/standing-approvals/policy-text";

export type StandingApprovalView = {
  id: string;
  policyId: string;
  agentId: string;
  agent: string;
  queue: string;
  tool: string;
  constraints: Constraint[];
  limitPeriod: "total" | "day";
  maxCount: number | null;
  maxAmount: number | null;
  amountArg: string | null;
  expiresAt: string;
  reason: string;
  policyText: string;
  usedCount: number;
  usedAmount: number;
  /** Today's uses, for a per-day limit. */
  todayCount: number;
  state: "active" | "expired" | "revoked";
  createdAt: string;
};

export async function listStandingApprovals(caller: AdminCaller, now = new Date()): Promise<StandingApprovalView[]> {
  adminActor(caller);
  const rows = await db.standingApproval.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 500 });
  const agents = new Map((await db.agent.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.agentId))] } }, select: { id: true, name: true } })).map((a) => [a.id, a.name]));
  const queues = new Map((await db.queue.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.queueId))] } }, select: { id: true, slug: true } })).map((q) => [q.id, q.slug]));
  const today = now.toISOString().slice(0, 10);
  return rows.map((r) => ({
    id: r.id,
    policyId: standingPolicyId(r.id),
    agentId: r.agentId,
    agent: agents.get(r.agentId) ?? r.agentId,
    queue: queues.get(r.queueId) ?? r.queueId,
    tool: r.tool,
    constraints: r.constraints as Constraint[],
    limitPeriod: r.limitPeriod === "day" ? "day" : "total",
    maxCount: r.maxCount,
    maxAmount: r.maxAmount,
    amountArg: r.amountArg,
    expiresAt: r.expiresAt.toISOString(),
    reason: r.reason,
    policyText: r.policyText,
    usedCount: r.usedCount,
    usedAmount: r.usedAmount,
    todayCount: r.windowDay === today ? r.windowCount : 0,
    state: r.revokedAt ? "revoked" : r.expiresAt.getTime() <= now.getTime() ? "expired" : "active",
    createdAt: r.createdAt.toISOString(),
  }));
}

/** What the grant form offers: agents that are not stopped, and queues. */
export async function standingApprovalChoices(caller: AdminCaller): Promise<{ agents: { id: string; name: string }[]; queues: { slug: string; name: string }[] }> {
  adminActor(caller);
  const [agents, queues] = await Promise.all([
    db.agent.findMany({ where: { disabled: false }, orderBy: { name: "asc" }, select: { id: true, name: true }, take: 1000 }),
    db.queue.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
  ]);
  return { agents, queues };
}
