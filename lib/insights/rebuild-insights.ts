import "server-only";
// The backfill (`npm run cli -- insights:rebuild`): recomputes every rollup
// row from the stored history (proposals, decisions, execution reports) and
// replaces the stored rollups with it. Needed once after the migration that
// added the rollups, after bulk imports that bypass the writers (the demo
// seed, bench fills), and as the referee in tests: the writers' rollups must
// equal this recompute. Reads in chunks by id, so memory holds one chunk plus
// the rollups (a row per day, queue and agent), never the history.
//
// The history tells what the writers counted at the moment of each change:
// approved ever = approved, executed, failed or revoked; approved by policy =
// approved ever with no person's decision; a plan at version 2+ was edited.
import { db } from "@/lib/db/client";
import { addEvents, emptyDeltas, type InsightDeltas, type InsightEvent } from "@/lib/insights/insight-events";
import { writeDeltas } from "@/lib/insights/record-insights";

const CHUNK = 5000;
const APPROVED_EVER = new Set(["approved", "executed", "failed", "revoked"]);

export async function computeInsightsFromHistory(): Promise<InsightDeltas> {
  const deltas = emptyDeltas();
  for await (const rows of chunksOf((cursor) =>
    db.proposal.findMany({
      take: CHUNK,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      orderBy: { id: "asc" },
      select: { id: true, queueId: true, agentId: true, status: true, createdAt: true, decidedAt: true, version: true, _count: { select: { decisions: true } } },
    }),
  )) {
    addEvents(deltas, rows.flatMap(proposalEvents));
  }
  for await (const rows of chunksOf((cursor) =>
    db.decision.findMany({
      take: CHUNK,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      orderBy: { id: "asc" },
      select: { id: true, userId: true, outcome: true, createdAt: true, proposal: { select: { createdAt: true } } },
    }),
  )) {
    addEvents(
      deltas,
      rows.map((d): InsightEvent => ({ type: "vote", at: d.createdAt, userId: d.userId, proposalCreatedAt: d.proposal.createdAt, outcome: d.outcome === "rejected" ? "rejected" : "approved" })),
    );
  }
  for await (const rows of chunksOf((cursor) =>
    db.execution.findMany({
      take: CHUNK,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      orderBy: { id: "asc" },
      select: { id: true, agentId: true, outcome: true, digestMatches: true, createdAt: true, proposal: { select: { queueId: true, decidedAt: true } } },
    }),
  )) {
    addEvents(
      deltas,
      rows.map((x): InsightEvent => ({
        type: "execution",
        approvedAt: x.proposal.decidedAt ?? x.createdAt,
        queueId: x.proposal.queueId,
        agentId: x.agentId,
        outcome: x.outcome === "failed" ? "failed" : "executed",
        digestMatches: x.digestMatches,
      })),
    );
  }
  return deltas;
}

type HistoryProposal = { queueId: string; agentId: string; status: string; createdAt: Date; decidedAt: Date | null; version: number; _count: { decisions: number } };

function proposalEvents(p: HistoryProposal): InsightEvent[] {
  const approvedEver = APPROVED_EVER.has(p.status);
  const byPeople = p._count.decisions > 0;
  const events: InsightEvent[] = [{ type: "created", at: p.createdAt, queueId: p.queueId, agentId: p.agentId, autoApproved: approvedEver && !byPeople }];
  if (!p.decidedAt) return events;
  if ((approvedEver && byPeople) || p.status === "rejected") {
    events.push({ type: "decided", at: p.decidedAt, queueId: p.queueId, agentId: p.agentId, createdAt: p.createdAt, outcome: approvedEver ? "approved" : "rejected", edited: approvedEver && p.version > 1 });
  } else if (p.status === "expired" || p.status === "cancelled") {
    events.push({ type: "closed", at: p.decidedAt, queueId: p.queueId, agentId: p.agentId, outcome: p.status });
  }
  return events;
}

async function* chunksOf<T extends { id: string }>(read: (cursor: string | null) => Promise<T[]>): AsyncGenerator<T[]> {
  let cursor: string | null = null;
  for (;;) {
    const rows = await read(cursor);
    if (rows.length > 0) yield rows;
    if (rows.length < CHUNK) return;
    cursor = rows.at(-1)!.id;
  }
}

export type RebuildSummary = { dailyRows: number; queueDailyRows: number; agentDailyRows: number; latencyRows: number; personRows: number; personLatencyRows: number; proposals: number };

/**
 * Replaces the stored rollups with a recompute. Run it while nothing writes
 * (after migrating, before starting; or on a quiet instance): a change
 * committed between the read and the replace would be counted twice or not at all.
 */
export async function rebuildInsights(): Promise<RebuildSummary> {
  const deltas = await computeInsightsFromHistory();
  await db.$transaction(
    async (tx) => {
      await tx.insightDaily.deleteMany();
      await tx.insightQueueDaily.deleteMany();
      await tx.insightAgentDaily.deleteMany();
      await tx.insightLatency.deleteMany();
      await tx.insightPersonDaily.deleteMany();
      await tx.insightPersonLatency.deleteMany();
      await writeDeltas(tx, deltas);
    },
    { maxWait: 30_000, timeout: 600_000 },
  );
  let proposals = 0;
  for (const row of deltas.daily.values()) proposals += row.created;
  return { dailyRows: deltas.daily.size, queueDailyRows: deltas.queueDaily.size, agentDailyRows: deltas.agentDaily.size, latencyRows: deltas.latency.size, personRows: deltas.personDaily.size, personLatencyRows: deltas.personLatency.size, proposals };
}
