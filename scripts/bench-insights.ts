// npm run bench:insights [-- --rows N] [--queues Q --agents A]: fills a fresh
// SQLite database (or BENCH_POSTGRES_URL) with N proposals (default 20,000; a
// fifth pending) through the queue benchmark's bulk fill, which bypasses the
// writers, and times the backfill (insights:rebuild). Then it adds Q queues and
// A agents (default 20 and 50) with a full 90 days of rollup rows for every
// pair (and 8 latency buckets per queue and day): the rollups of a history of any size, since a
// page reads rollup rows (days x queues x agents), not proposals. Last, it
// times the reads behind each insight page (p50/p95 over 20 runs, in-process:
// the page's data, not its rendering). Filling a million proposals takes
// hours on a small machine; the rollups are what the pages' cost depends on.
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { percentile } from "./bench/envelopes.ts";
import { recreateDatabase } from "@/lib/db/recreate-database";

const { values } = parseArgs({ options: { rows: { type: "string" }, pending: { type: "string" }, queues: { type: "string" }, agents: { type: "string" } } });
const TOTAL = Number(values.rows ?? 20_000);
const QUEUES = Number(values.queues ?? 20);
const AGENTS = Number(values.agents ?? 50);
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
for (const day of daysOfWindow(90)) {
  const deltas = emptyDeltas();
  for (const queueId of queueIds) {
    for (let b = 0; b < 8; b++) deltas.latency.set(`${day}|${queueId}|${b}`, { day, queueId, bucket: 30 + b * 6, count: 1 + b });
    for (const agentId of agentIds) {
      const counters = Object.fromEntries(DAILY_COUNTERS.map((c, i) => [c, (i * 7 + day.length) % 13])) as Record<(typeof DAILY_COUNTERS)[number], number>;
      deltas.daily.set(`${day}|${queueId}|${agentId}`, { day, queueId, agentId, ...counters });
    }
  }
  await db.$transaction((tx) => writeDeltas(tx, deltas), { timeout: 120_000 });
}
console.log(`added ${QUEUES} queues x ${AGENTS} agents x 90 days of rollups in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const admin = { id: "bench", role: "admin" };
const reads: [string, () => Promise<unknown>][] = [
  ["/insights (queues + per-day, 90 days)", () => Promise.all([queueInsights(admin, 90), dailyVolume(admin, 90)])],
  ["/insights/agents (90 days)", () => agentInsights(admin, 90)],
  ["/insights/people (90 days)", () => peopleInsights(admin, 90)],
];
console.log(`rollup rows: ${await db.insightDaily.count()} daily, ${await db.insightLatency.count()} latency`);
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
