// npm run bench:insights [-- --rows N] [--queues Q --agents A --proposals P]: fills a fresh
// SQLite database (or BENCH_POSTGRES_URL) with N proposals (default 20,000; a
// fifth pending) through the queue benchmark's bulk fill, which bypasses the
// writers, and times the backfill (insights:rebuild). Then it adds Q queues and
// A agents (default 20 and 50) with a full 90 days of rollup rows for every
// pair (and 8 latency buckets per queue and day), counting P proposals in all
// (default 1,000,000), with the per-queue and per-agent sums the writers keep
// beside them: the rollups of a million-proposal history, since a page reads
// rollup rows, not proposals. Last, it
// times the reads behind each insight page (p50/p95 over 20 runs, in-process:
// the page's data, not its rendering). Filling a million proposals takes
// hours on a small machine; the rollups are what the pages' cost depends on.
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { percentile } from "./bench/envelopes.ts";
import { recreateDatabase } from "@/lib/db/recreate-database";

const { values } = parseArgs({ options: { rows: { type: "string" }, pending: { type: "string" }, queues: { type: "string" }, agents: { type: "string" }, proposals: { type: "string" } } });
const TOTAL = Number(values.rows ?? 20_000);
const QUEUES = Number(values.queues ?? 20);
const AGENTS = Number(values.agents ?? 50);
const PROPOSALS = Number(values.proposals ?? 1_000_000);
const PENDING = Number(values.pending ?? Math.round(TOTAL / 5));
const url = process.env.BENCH_POSTGRES_URL ?? `file:./.tmp/bench-insights-${process.pid}.db`;

await recreateDatabase(url);
const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn", CHECKPOINT_WITNESS_FILE: `.tmp/bench-witness-${process.pid}.jsonl` };
const tsx = (...args: string[]) => execFileSync("npx", ["tsx", "--conditions=react-server", ...args], { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
tsx("scripts/db-migrate.ts");
tsx("scripts/cli.ts", "user:create", "--email", "sponsor@example.com", "--name", "Bench Sponsor", "--role", "viewer", "--password", "bench-password-1");
for (let q = 0; q < 5; q++) tsx("scripts/cli.ts", "queue:create", "--slug", `bench-${q}`, "--name", `Bench queue ${q}`, "--domains", "ap");
for (let a = 0; a < 7; a++) tsx("scripts/cli.ts", "agent:create", "--name", `bench-agent-${a}`, "--sponsor", "sponsor@example.com", "--scopes", "ap:read,ap:write:draft,ap:commit");
const fill = JSON.parse(tsx("scripts/bench/fill-proposals.ts", String(TOTAL), String(PENDING)).trim().split("\n").at(-1)!);
console.log(`filled ${TOTAL.toLocaleString("en-US")} proposals in ${fill.seconds.toFixed(1)} s: ${JSON.stringify(fill.counts)}`);
console.log(tsx("scripts/cli.ts", "insights:rebuild").trim());

// The reads, in this process, against the filled database.
process.env.DATABASE_URL = url;
const { agentInsights, dailyVolume, peopleInsights, queueInsights } = await import("@/lib/insights/read-insights");
const { db } = await import("@/lib/db/client");
const { writeDeltas } = await import("@/lib/insights/record-insights");
const { emptyDeltas, DAILY_COUNTERS } = await import("@/lib/insights/insight-events");
const { daysOfWindow } = await import("@/lib/insights/insight-day");
const sponsor = await db.user.findFirstOrThrow({ select: { id: true } });
const started = performance.now();
const queueIds: string[] = [];
const agentIds: string[] = [];
for (let q = 0; q < QUEUES; q++) queueIds.push((await db.queue.create({ data: { slug: `synthetic-${q}`, name: `Synthetic queue ${q}`, domains: ["ap"] } })).id);
for (let a = 0; a < AGENTS; a++) agentIds.push((await db.agent.create({ data: { name: `synthetic-agent-${a}`, sponsorId: sponsor.id, scopes: ["ap:read"] } })).id);
// Each (day, queue, agent) row counts an equal share of the proposals, closed
// in a fixed mix (a remainder row or two carries the rounding).
const rowsTotal = QUEUES * AGENTS * 90;
let left = PROPOSALS;
let represented = 0;
for (const day of daysOfWindow(90)) {
  const deltas = emptyDeltas();
  for (const queueId of queueIds) {
    for (let b = 0; b < 8; b++) deltas.latency.set(`${day}|${queueId}|${b}`, { day, queueId, bucket: 30 + b * 6, count: 1 + b });
    for (const agentId of agentIds) {
      const created = Math.min(left, Math.ceil(PROPOSALS / rowsTotal));
      left -= created;
      represented += created;
      const mix = { created, autoApproved: Math.floor(created * 0.2), approved: Math.floor(created * 0.5), rejected: Math.floor(created * 0.1), approvedEdited: Math.floor(created * 0.05), expired: Math.floor(created * 0.05), cancelled: Math.floor(created * 0.02), executed: Math.floor(created * 0.6), failed: Math.floor(created * 0.03), digestMismatches: Math.floor(created * 0.01) };
      const counters = Object.fromEntries(DAILY_COUNTERS.map((c) => [c, mix[c]])) as Record<(typeof DAILY_COUNTERS)[number], number>;
      deltas.daily.set(`${day}|${queueId}|${agentId}`, { day, queueId, agentId, ...counters });
      // The per-queue and per-agent sums, as the writers keep them (insight-events.ts).
      const q = deltas.queueDaily.get(`${day}|${queueId}`) ?? { day, queueId, ...zero() };
      const a = deltas.agentDaily.get(`${day}|${agentId}`) ?? { day, agentId, ...zero() };
      for (const c of DAILY_COUNTERS) {
        q[c] += counters[c];
        a[c] += counters[c];
      }
      deltas.queueDaily.set(`${day}|${queueId}`, q);
      deltas.agentDaily.set(`${day}|${agentId}`, a);
    }
  }
  await db.$transaction((tx) => writeDeltas(tx, deltas), { timeout: 120_000 });
}
function zero() {
  return Object.fromEntries(DAILY_COUNTERS.map((c) => [c, 0])) as Record<(typeof DAILY_COUNTERS)[number], number>;
}
console.log(`added ${QUEUES} queues x ${AGENTS} agents x 90 days of rollups counting ${represented.toLocaleString("en-US")} proposals in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const admin = { id: "bench", role: "admin" };
const { pendingNow } = await import("@/lib/insights/pending-now");
// Every queue with a one-hour service time, so the past-service count runs for each.
const allQueues = await db.queue.findMany({ select: { id: true } });
const from90 = (await import("@/lib/insights/insight-window")).windowStart(90, new Date());
const reads: [string, () => Promise<unknown>][] = [
  ["/insights (queues + per-day, 90 days)", () => Promise.all([queueInsights(admin, 90), dailyVolume(admin, 90)])],
  // The parts of /insights, to see where its time goes.
  ["  of which: the per-queue sums", () => db.insightQueueDaily.groupBy({ by: ["queueId"], where: { day: { gte: from90 } }, _sum: { created: true, approved: true, rejected: true } })],
  ["  of which: the latency GROUP BY", () => db.insightLatency.groupBy({ by: ["queueId", "bucket"], where: { day: { gte: from90 } }, _sum: { count: true } })],
  ["  of which: pending now (every queue)", () => pendingNow(new Map(allQueues.map((q) => [q.id, 60])), new Date())],
  ["  for comparison: pending now, two queries per queue (before pending-now.ts)", () => pendingPerQueue(allQueues.map((q) => q.id), 60, new Date())],
  ["/insights/agents (90 days)", () => agentInsights(admin, 90)],
  ["/insights/people (90 days)", () => peopleInsights(admin, 90)],
];
console.log(
  `rollup rows: ${await db.insightDaily.count()} daily (day, queue, agent), ${await db.insightQueueDaily.count()} per (day, queue), ${await db.insightAgentDaily.count()} per (day, agent), ${await db.insightLatency.count()} latency`,
);
for (const [name, read] of reads) {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await read();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${name}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`);
}
await db.$disconnect();

/** What /insights did before pending-now.ts: the oldest pending and the past-service count, one queue at a time. */
function pendingPerQueue(ids: string[], serviceMinutes: number, now: Date) {
  const live = { status: "pending", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  return Promise.all(
    ids.map((queueId) =>
      Promise.all([
        db.proposal.findFirst({ where: { queueId, ...live }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
        db.proposal.count({ where: { queueId, ...live, createdAt: { lte: new Date(now.getTime() - serviceMinutes * 60_000) } } }),
      ]),
    ),
  );
}
