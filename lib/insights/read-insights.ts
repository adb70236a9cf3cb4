import "server-only";
// The insight figures, read from the daily rollups, never from the proposals:
// the queue page reads a row per day and queue (InsightQueueDaily), the agent
// page a row per day and agent (InsightAgentDaily), the people page a row per
// day and person, so a 90-day page reads 90 x queues (or agents, or people)
// rows whatever the history's size. Only
// the figures about now (oldest pending, past service time) look at pending
// proposals, in two grouped queries for all queues (pending-now.ts).
// Queues and agents: any signed-in person (they all see the queue). People: admins only.
import { db } from "@/lib/db/client";
import { assertAdmin } from "@/lib/roles/admin";
import { addToHistogram, quantileSeconds, type Histogram } from "@/lib/insights/latency-buckets";
import { daysOfWindow } from "@/lib/insights/insight-day";
import { windowStart } from "@/lib/insights/insight-window";
import { pendingNow } from "@/lib/insights/pending-now";

type Viewer = { id: string; role: string };

export type QueueInsight = {
  id: string;
  slug: string;
  name: string;
  /** Proposals created in the period. */
  volume: number;
  /** Closed in the period: approved (by people or policy), rejected, expired, cancelled. */
  closed: number;
  approved: number;
  autoApproved: number;
  rejected: number;
  expired: number;
  cancelled: number;
  /** Shares of `closed`, 0..1; null when nothing closed. */
  approvedShare: number | null;
  rejectedShare: number | null;
  expiredShare: number | null;
  /** Time from proposal to a person's final decision, seconds (bucket precision, see latency-buckets.ts). */
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** Now: the oldest pending proposal's creation, and how many pending ones are past the queue's service time. */
  oldestPendingAt: Date | null;
  serviceMinutes: number | null;
  pastServiceTime: number | null;
};

export type AgentInsight = {
  id: string;
  name: string;
  /** Decided by people in the period. */
  decided: number;
  approved: number;
  rejected: number;
  autoApproved: number;
  rejectionRate: number | null;
  /** Final approvals of an edited plan, over all approvals by people. */
  editedApprovals: number;
  editRate: number | null;
  executed: number;
  failed: number;
  digestMismatches: number;
  /** Approved in the period (by people or policy) with no execution report yet. */
  neverExecuted: number;
};

export type PersonInsight = {
  id: string;
  name: string;
  email: string;
  decisions: number;
  approvals: number;
  rejections: number;
  /** Time from proposal to this person's vote, seconds. */
  medianSeconds: number | null;
  p90Seconds: number | null;
};

export type DailyVolume = { day: string; created: number; approved: number; rejected: number; expired: number };

const SUMS = { created: true, autoApproved: true, approved: true, rejected: true, approvedEdited: true, expired: true, cancelled: true, executed: true, failed: true, digestMismatches: true } as const;

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

function histograms<K extends string>(rows: ({ bucket: number; _sum: { count: number | null } } & Record<K, string>)[], key: K): Map<string, Histogram> {
  const byKey = new Map<string, Histogram>();
  for (const row of rows) {
    const h = byKey.get(row[key]) ?? new Map();
    addToHistogram(h, row.bucket, row._sum.count ?? 0);
    byKey.set(row[key], h);
  }
  return byKey;
}

export async function queueInsights(_viewer: Viewer, days: number, now = new Date()): Promise<QueueInsight[]> {
  const from = windowStart(days, now);
  const settings = await db.queueNotificationSetting.findMany({ select: { queueId: true, serviceMinutes: true } });
  const serviceOf = new Map(settings.map((s) => [s.queueId, s.serviceMinutes]));
  const [queues, sums, latency, pending] = await Promise.all([
    db.queue.findMany({ select: { id: true, slug: true, name: true }, orderBy: { slug: "asc" } }),
    db.insightQueueDaily.groupBy({ by: ["queueId"], where: { day: { gte: from } }, _sum: SUMS }),
    db.insightLatency.groupBy({ by: ["queueId", "bucket"], where: { day: { gte: from } }, _sum: { count: true } }),
    pendingNow(new Map([...serviceOf].filter((e): e is [string, number] => e[1] !== null)), now),
  ]);
  const sumOf = new Map(sums.map((s) => [s.queueId, s._sum]));
  const latencyOf = histograms(latency, "queueId");
  return queues.map((q): QueueInsight => {
    const s = sumOf.get(q.id);
    const approved = s?.approved ?? 0;
    const autoApproved = s?.autoApproved ?? 0;
    const rejected = s?.rejected ?? 0;
    const expired = s?.expired ?? 0;
    const cancelled = s?.cancelled ?? 0;
    const closed = approved + autoApproved + rejected + expired + cancelled;
    const h = latencyOf.get(q.id) ?? new Map();
    const serviceMinutes = serviceOf.get(q.id) ?? null;
    const live = pending.get(q.id);
    return {
      ...q,
      volume: s?.created ?? 0,
      closed,
      approved,
      autoApproved,
      rejected,
      expired,
      cancelled,
      approvedShare: ratio(approved + autoApproved, closed),
      rejectedShare: ratio(rejected, closed),
      expiredShare: ratio(expired, closed),
      medianSeconds: quantileSeconds(h, 0.5),
      p90Seconds: quantileSeconds(h, 0.9),
      oldestPendingAt: live?.oldestAt ?? null,
      serviceMinutes,
      pastServiceTime: serviceMinutes === null ? null : (live?.pastServiceTime ?? 0),
    };
  });
}

/** Every day of the period with what was created and closed that day, for the volume chart. */
export async function dailyVolume(_viewer: Viewer, days: number, now = new Date()): Promise<DailyVolume[]> {
  const rows = await db.insightQueueDaily.groupBy({ by: ["day"], where: { day: { gte: windowStart(days, now) } }, _sum: { created: true, approved: true, autoApproved: true, rejected: true, expired: true } });
  const byDay = new Map(rows.map((r) => [r.day, r._sum]));
  return daysOfWindow(days, now).map((day) => {
    const s = byDay.get(day);
    return { day, created: s?.created ?? 0, approved: (s?.approved ?? 0) + (s?.autoApproved ?? 0), rejected: s?.rejected ?? 0, expired: s?.expired ?? 0 };
  });
}

export async function agentInsights(_viewer: Viewer, days: number, now = new Date()): Promise<AgentInsight[]> {
  const from = windowStart(days, now);
  const [agents, sums] = await Promise.all([
    db.agent.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.insightAgentDaily.groupBy({ by: ["agentId"], where: { day: { gte: from } }, _sum: SUMS }),
  ]);
  const sumOf = new Map(sums.map((s) => [s.agentId, s._sum]));
  return agents
    .filter((a) => sumOf.has(a.id))
    .map((a): AgentInsight => {
      const s = sumOf.get(a.id)!;
      const approved = s.approved ?? 0;
      const rejected = s.rejected ?? 0;
      const autoApproved = s.autoApproved ?? 0;
      const executed = s.executed ?? 0;
      const failed = s.failed ?? 0;
      const editedApprovals = s.approvedEdited ?? 0;
      return {
        id: a.id,
        name: a.name,
        decided: approved + rejected,
        approved,
        rejected,
        autoApproved,
        rejectionRate: ratio(rejected, approved + rejected),
        editedApprovals,
        editRate: ratio(editedApprovals, approved),
        executed,
        failed,
        digestMismatches: s.digestMismatches ?? 0,
        neverExecuted: Math.max(0, approved + autoApproved - executed - failed),
      };
    });
}

/** Admins only: each person's votes and how long after the proposal they came. */
export async function peopleInsights(viewer: Viewer, days: number, now = new Date()): Promise<PersonInsight[]> {
  assertAdmin(viewer);
  const from = windowStart(days, now);
  const [sums, latency] = await Promise.all([
    db.insightPersonDaily.groupBy({ by: ["userId"], where: { day: { gte: from } }, _sum: { approvals: true, rejections: true } }),
    db.insightPersonLatency.groupBy({ by: ["userId", "bucket"], where: { day: { gte: from } }, _sum: { count: true } }),
  ]);
  const users = await db.user.findMany({ where: { id: { in: sums.map((s) => s.userId) } }, select: { id: true, name: true, email: true } });
  const latencyOf = histograms(latency, "userId");
  return users
    .map((u): PersonInsight => {
      const s = sums.find((x) => x.userId === u.id)!._sum;
      const h = latencyOf.get(u.id) ?? new Map();
      const approvals = s.approvals ?? 0;
      const rejections = s.rejections ?? 0;
      return { ...u, decisions: approvals + rejections, approvals, rejections, medianSeconds: quantileSeconds(h, 0.5), p90Seconds: quantileSeconds(h, 0.9) };
    })
    .sort((a, b) => b.decisions - a.decisions || a.email.localeCompare(b.email));
}
