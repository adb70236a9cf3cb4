// What the insight rollups count, as events, and how events add up to rollup
// rows. The writers (intake, decisions, expiry, stopping an agent, execution
// reports) describe what they changed as events; the rebuild describes the
// whole history the same way (rebuild-insights.ts). Pure: no database.
import { bucketOf } from "@/lib/insights/latency-buckets";
import { insightDay } from "@/lib/insights/insight-day";

export type InsightEvent =
  /** A proposal was recorded (approved by policy at once, or pending). */
  | { type: "created"; at: Date; queueId: string; agentId: string; autoApproved: boolean }
  /** A person's decision closed it (the final approval of a quorum, or a rejection). */
  | { type: "decided"; at: Date; queueId: string; agentId: string; createdAt: Date; outcome: "approved" | "rejected"; edited: boolean }
  /** It closed without a decision. */
  | { type: "closed"; at: Date; queueId: string; agentId: string; outcome: "expired" | "cancelled" }
  /** One person's vote (every vote, a partial quorum approval too). */
  | { type: "vote"; at: Date; userId: string; proposalCreatedAt: Date; outcome: "approved" | "rejected" }
  /** The agent reported carrying out an approval; counted on the approval's day. */
  | { type: "execution"; approvedAt: Date; queueId: string; agentId: string; outcome: "executed" | "failed"; digestMatches: boolean };

export const DAILY_COUNTERS = ["created", "autoApproved", "approved", "rejected", "approvedEdited", "expired", "cancelled", "executed", "failed", "digestMismatches"] as const;
export type DailyCounter = (typeof DAILY_COUNTERS)[number];
export type DailyRow = { day: string; queueId: string; agentId: string } & Record<DailyCounter, number>;
/** The same counters per (day, queue) and per (day, agent): what the queue and agent pages read. */
export type QueueDailyRow = { day: string; queueId: string } & Record<DailyCounter, number>;
export type AgentDailyRow = { day: string; agentId: string } & Record<DailyCounter, number>;
export type LatencyRow = { day: string; queueId: string; bucket: number; count: number };
export type PersonDailyRow = { day: string; userId: string; approvals: number; rejections: number };
export type PersonLatencyRow = { day: string; userId: string; bucket: number; count: number };

export type InsightDeltas = {
  daily: Map<string, DailyRow>;
  queueDaily: Map<string, QueueDailyRow>;
  agentDaily: Map<string, AgentDailyRow>;
  latency: Map<string, LatencyRow>;
  personDaily: Map<string, PersonDailyRow>;
  personLatency: Map<string, PersonLatencyRow>;
};

export function emptyDeltas(): InsightDeltas {
  return { daily: new Map(), queueDaily: new Map(), agentDaily: new Map(), latency: new Map(), personDaily: new Map(), personLatency: new Map() };
}

function zeroCounters(): Record<DailyCounter, number> {
  return Object.fromEntries(DAILY_COUNTERS.map((c) => [c, 0])) as Record<DailyCounter, number>;
}

function bump(deltas: InsightDeltas, at: Date, queueId: string, agentId: string, counter: DailyCounter): void {
  const day = insightDay(at);
  const key = `${day}|${queueId}|${agentId}`;
  let row = deltas.daily.get(key);
  if (!row) deltas.daily.set(key, (row = { day, queueId, agentId, ...zeroCounters() }));
  row[counter] += 1;
  // The per-queue and per-agent sums move with every daily counter, so each always equals the daily rows summed.
  const queueKey = `${day}|${queueId}`;
  let queueRow = deltas.queueDaily.get(queueKey);
  if (!queueRow) deltas.queueDaily.set(queueKey, (queueRow = { day, queueId, ...zeroCounters() }));
  queueRow[counter] += 1;
  const agentKey = `${day}|${agentId}`;
  let agentRow = deltas.agentDaily.get(agentKey);
  if (!agentRow) deltas.agentDaily.set(agentKey, (agentRow = { day, agentId, ...zeroCounters() }));
  agentRow[counter] += 1;
}

/** Adds events to deltas (one object may collect a whole batch, or the whole history). */
export function addEvents(deltas: InsightDeltas, events: Iterable<InsightEvent>): InsightDeltas {
  for (const e of events) {
    switch (e.type) {
      case "created":
        bump(deltas, e.at, e.queueId, e.agentId, "created");
        if (e.autoApproved) bump(deltas, e.at, e.queueId, e.agentId, "autoApproved");
        break;
      case "decided": {
        bump(deltas, e.at, e.queueId, e.agentId, e.outcome);
        if (e.outcome === "approved" && e.edited) bump(deltas, e.at, e.queueId, e.agentId, "approvedEdited");
        const day = insightDay(e.at);
        const bucket = bucketOf(e.at.getTime() - e.createdAt.getTime());
        const key = `${day}|${e.queueId}|${bucket}`;
        const row = deltas.latency.get(key) ?? { day, queueId: e.queueId, bucket, count: 0 };
        row.count += 1;
        deltas.latency.set(key, row);
        break;
      }
      case "closed":
        bump(deltas, e.at, e.queueId, e.agentId, e.outcome);
        break;
      case "vote": {
        const day = insightDay(e.at);
        const person = deltas.personDaily.get(`${day}|${e.userId}`) ?? { day, userId: e.userId, approvals: 0, rejections: 0 };
        if (e.outcome === "approved") person.approvals += 1;
        else person.rejections += 1;
        deltas.personDaily.set(`${day}|${e.userId}`, person);
        const bucket = bucketOf(e.at.getTime() - e.proposalCreatedAt.getTime());
        const key = `${day}|${e.userId}|${bucket}`;
        const row = deltas.personLatency.get(key) ?? { day, userId: e.userId, bucket, count: 0 };
        row.count += 1;
        deltas.personLatency.set(key, row);
        break;
      }
      case "execution":
        bump(deltas, e.approvedAt, e.queueId, e.agentId, e.outcome);
        if (!e.digestMatches) bump(deltas, e.approvedAt, e.queueId, e.agentId, "digestMismatches");
        break;
    }
  }
  return deltas;
}
