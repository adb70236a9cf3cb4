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
import { packedRows } from "@/lib/db/packed-rows";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { readBoolean, sqlParam } from "@/lib/db/raw-values";
import { StoredRow } from "@/lib/db/stored-values";

const CHUNK = 5000;
const APPROVED_EVER = new Set(["approved", "executed", "failed", "revoked"]);

/** The recompute, and how many proposals were left out because a stored date of theirs cannot be read. */
export async function computeInsightsFromHistory(): Promise<InsightDeltas & { unreadable: number }> {
  const deltas = emptyDeltas();
  const unreadable = new Set<string>();
  // Ids through the query builder (its cursor, its order); the rows of each chunk value by value
  // (lib/db/stored-values.ts): the query builder failed the whole recompute on one date planted by SQL.
  for await (const ids of idChunks((cursor) => db.proposal.findMany({ ...page(cursor), select: { id: true } }))) {
    const rows = await packedRows(
      [`"id"`, `"queueId"`, `"agentId"`, `"status"`, `"createdAt"`, `"decidedAt"`, `"version"`, `"decisions"`],
      `SELECT p."id", p."queueId", p."agentId", p."status", p."createdAt", p."decidedAt", p."version", ` +
        `(SELECT count(*) FROM ${qualifiedTable("Decision")} d WHERE d."proposalId" = p."id") AS "decisions" ` +
        `FROM ${qualifiedTable("Proposal")} p WHERE p."id" IN (${inList(ids)})`,
      ...ids,
    );
    const events: InsightEvent[] = [];
    for (const [id, queueId, agentId, status, createdAt, decidedAt, version, decisions] of rows) {
      const r = new StoredRow();
      const p = { queueId: String(queueId), agentId: String(agentId), status: String(status), createdAt: r.date("createdAt", createdAt), decidedAt: r.optionalDate("decidedAt", decidedAt), version: r.int("version", version, 1), decisions: Number(decisions) };
      // A date that cannot be read would count the proposal on a day it never had: it is left out, and counted.
      if (r.unreadable.includes("createdAt") || r.unreadable.includes("decidedAt")) unreadable.add(String(id));
      else events.push(...proposalEvents(p));
    }
    addEvents(deltas, events);
  }
  for await (const ids of idChunks((cursor) => db.decision.findMany({ ...page(cursor), select: { id: true } }))) {
    const rows = await packedRows(
      [`"userId"`, `"outcome"`, `"createdAt"`, `"proposalId"`, `"proposalCreatedAt"`],
      `SELECT d."userId", d."outcome", d."createdAt", d."proposalId", p."createdAt" AS "proposalCreatedAt" FROM ${qualifiedTable("Decision")} d ` +
        `JOIN ${qualifiedTable("Proposal")} p ON p."id" = d."proposalId" WHERE d."id" IN (${inList(ids)})`,
      ...ids,
    );
    const events: InsightEvent[] = [];
    for (const [userId, outcome, createdAt, proposalId, proposalCreatedAt] of rows) {
      const r = new StoredRow();
      const at = r.date("createdAt", createdAt);
      const created = r.date("proposalCreatedAt", proposalCreatedAt);
      if (r.unreadable.length > 0) unreadable.add(String(proposalId));
      else events.push({ type: "vote", at, userId: String(userId), proposalCreatedAt: created, outcome: outcome === "rejected" ? "rejected" : "approved" });
    }
    addEvents(deltas, events);
  }
  for await (const ids of idChunks((cursor) => db.execution.findMany({ ...page(cursor), select: { id: true } }))) {
    const rows = await packedRows(
      [`"agentId"`, `"outcome"`, `"digestMatches"`, `"createdAt"`, `"proposalId"`, `"queueId"`, `"decidedAt"`],
      `SELECT x."agentId", x."outcome", x."digestMatches", x."createdAt", x."proposalId", p."queueId", p."decidedAt" FROM ${qualifiedTable("Execution")} x ` +
        `JOIN ${qualifiedTable("Proposal")} p ON p."id" = x."proposalId" WHERE x."id" IN (${inList(ids)})`,
      ...ids,
    );
    const events: InsightEvent[] = [];
    for (const [agentId, outcome, digestMatches, createdAt, proposalId, queueId, decidedAt] of rows) {
      const r = new StoredRow();
      const reported = r.date("createdAt", createdAt);
      const approvedAt = r.optionalDate("decidedAt", decidedAt) ?? reported;
      if (r.unreadable.length > 0) unreadable.add(String(proposalId));
      else events.push({ type: "execution", approvedAt, queueId: String(queueId), agentId: String(agentId), outcome: outcome === "failed" ? "failed" : "executed", digestMatches: readBoolean(digestMatches) });
    }
    addEvents(deltas, events);
  }
  return { ...deltas, unreadable: unreadable.size };
}

const page = (cursor: string | null) => ({ take: CHUNK, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}), orderBy: { id: "asc" as const } });
const inList = (ids: string[]) => ids.map((_, i) => sqlParam(i + 1)).join(", ");

type HistoryProposal = { queueId: string; agentId: string; status: string; createdAt: Date; decidedAt: Date | null; version: number; decisions: number };

function proposalEvents(p: HistoryProposal): InsightEvent[] {
  const approvedEver = APPROVED_EVER.has(p.status);
  const byPeople = p.decisions > 0;
  const events: InsightEvent[] = [{ type: "created", at: p.createdAt, queueId: p.queueId, agentId: p.agentId, autoApproved: approvedEver && !byPeople }];
  if (!p.decidedAt) return events;
  if ((approvedEver && byPeople) || p.status === "rejected") {
    events.push({ type: "decided", at: p.decidedAt, queueId: p.queueId, agentId: p.agentId, createdAt: p.createdAt, outcome: approvedEver ? "approved" : "rejected", edited: approvedEver && p.version > 1 });
  } else if (p.status === "expired" || p.status === "cancelled") {
    events.push({ type: "closed", at: p.decidedAt, queueId: p.queueId, agentId: p.agentId, outcome: p.status });
  }
  return events;
}

/** The ids of a table in chunks, in the query builder's order. */
async function* idChunks(read: (cursor: string | null) => Promise<{ id: string }[]>): AsyncGenerator<string[]> {
  let cursor: string | null = null;
  for (;;) {
    const rows = await read(cursor);
    if (rows.length > 0) yield rows.map((r) => r.id);
    if (rows.length < CHUNK) return;
    cursor = rows.at(-1)!.id;
  }
}

export type RebuildSummary = { dailyRows: number; queueDailyRows: number; agentDailyRows: number; latencyRows: number; personRows: number; personLatencyRows: number; proposals: number;
  /** Proposals left out: a stored date of theirs (or of their decisions, execution) cannot be read, planted by SQL. */
  unreadable: number };

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
  return { dailyRows: deltas.daily.size, queueDailyRows: deltas.queueDaily.size, agentDailyRows: deltas.agentDaily.size, latencyRows: deltas.latency.size, personRows: deltas.personDaily.size, personLatencyRows: deltas.personLatency.size, proposals, unreadable: deltas.unreadable };
}
