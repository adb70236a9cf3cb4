// npm run bench:peer: Countersign's intake side by side with the peer of issue
// 13 (AgentGate: Hono on SQLite), on this machine and in this sitting, the
// same client driving both in alternating rounds at c=8. Prints each round
// (rate, latency, the server's CPU and the client's own CPU per request: on a
// 2-core machine, what the client leaves to the server) and Countersign's rate
// as a multiple of the peer's (the goal: at least 1.0).
//
// The peer is not on the npm registry. By default this runs a stand-in that
// does what the peer does per approval request, leaner
// (scripts/bench/peer-standin.ts), so its figure is an upper bound on the
// peer's. With BENCH_PEER_START=<command> it runs the real thing instead: the
// command gets <port> <sqlite file>, starts the peer in the background in its
// own process group, prints an API key that may create requests and then the
// server's PID, each on a line, and exits once the peer answers GET /health.
// Needs the production build (`npm run build`). SQLite only: the peer's
// figure in the issue is on SQLite.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { createInterface } from "node:readline";
import { benchEnvelope } from "./bench/envelopes.ts";
import { driveHttp, freshDatabase, startServer, stopGroup, waitUntilUp } from "./bench/intake-http.ts";

const PORT = Number(process.env.BENCH_PORT ?? 3290);
const PEER_PORT = PORT + 1;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP = Number(process.env.BENCH_WARMUP ?? 2000);
const COLUMN_WIDTHS = [15, 7, 10, 9, 9, 15, 15, 9];

if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(2);
}

/** The same proposal as the peer would be asked it: about 1.3 KB, the size the issue measured the peer with. */
function peerBody(i: number): string {
  const e = benchEnvelope("bench", i);
  return JSON.stringify({
    action: e.intent,
    params: { ...e.inputs, plan: e.plan, changes: e.changes },
    context: { title: e.title, summary: e.summary, actor: e.actor, agent: e.agent, trace: e.trace },
    urgency: "normal",
    expiresAt: e.expires_at,
  });
}

/** The peer's API key and process group: the command of BENCH_PEER_START, or the stand-in. */
async function startPeer(file: string): Promise<{ group: number; key: string }> {
  const command = process.env.BENCH_PEER_START;
  if (command) {
    const [key, pid] = execFileSync(command, [String(PEER_PORT), file], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n");
    if (!key || !Number(pid)) throw new Error(`${command} printed no key and PID`);
    return { group: Number(pid), key: key.trim() };
  }
  const peer = spawn(process.execPath, ["--import", "tsx", "scripts/bench/peer-standin.ts", String(PEER_PORT), file], {
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: peer.stdout! }).once("line", resolve);
    peer.once("exit", (code) => reject(new Error(`the stand-in exited (${code})`)));
  });
  await waitUntilUp(`http://127.0.0.1:${PEER_PORT}/health`);
  return { group: peer.pid!, key: firstLine.trim() };
}

mkdirSync(".tmp", { recursive: true });
const peerFile = `.tmp/bench-peer-${process.pid}.db`;
const { env, key } = await freshDatabase("file:./.tmp/bench-peer-countersign.db");
const server = await startServer(env, PORT);
// A peer that fails to start must not leave Countersign's server running.
const { group: peerGroup, key: peerKey } = await startPeer(peerFile).catch((error: unknown) => {
  stopGroup(server.pid);
  throw error;
});
const peerName = process.env.BENCH_PEER_START ? "peer" : "peer stand-in";

let offset = 0;
const countersign = (count: number) =>
  driveHttp({ port: PORT, path: "/api/v1/proposals", key, body: (i) => JSON.stringify(benchEnvelope("bench", offset + i)), concurrency: CONCURRENCY, count, serverGroup: server.pid! });
const peerIntake = (count: number) =>
  driveHttp({ port: PEER_PORT, path: "/api/requests", key: peerKey, body: (i) => peerBody(offset + i), concurrency: CONCURRENCY, count, serverGroup: peerGroup });

const health = (port: number, path: string, group: number) =>
  driveHttp({ port, path, key: "", body: () => null, concurrency: CONCURRENCY, count: REQUESTS, serverGroup: group, expect: 200 });

const row = (cells: string[]) => console.log(cells.map((c, i) => c.padEnd(COLUMN_WIDTHS[i]!)).join(""));
try {
  console.log(`Intake side by side with the ${peerName}: c=${CONCURRENCY}, ${REQUESTS} requests a round, ${ROUNDS} rounds each, alternating, SQLite, ${new Date().toISOString()}`);
  await countersign(WARM_UP); // JIT, statement caches, Cedar's remembered answers
  await peerIntake(WARM_UP);
  offset += WARM_UP;
  row(["server", "round", "req/s", "p50 ms", "p99 ms", "server CPU ms", "client CPU ms", "non-201"]);
  const ratios: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const ours = await countersign(REQUESTS);
    const theirs = await peerIntake(REQUESTS);
    offset += REQUESTS;
    for (const [name, r] of [["countersign", ours], [peerName, theirs]] as const) {
      row([name, String(round), r.perSecond.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), r.serverCpuMs?.toFixed(2) ?? "-", r.clientCpuMs.toFixed(2), String(r.failures)]);
    }
    ratios.push(ours.perSecond / theirs.perSecond);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`Countersign / ${peerName} per round: ${ratios.map((r) => r.toFixed(2)).join(", ")}; median ${median(ratios).toFixed(2)} (goal: at least 1.00)`);
  // The HTTP floor of each: a health check, no database write.
  const theirHealth = await health(PEER_PORT, "/health", peerGroup);
  const ourHealth = await health(PORT, "/api/health", server.pid!);
  console.log(`Health checks at c=${CONCURRENCY}: ${peerName} ${theirHealth.perSecond.toFixed(0)}/s, Countersign's /api/health ${ourHealth.perSecond.toFixed(0)}/s.`);
} finally {
  stopGroup(server.pid);
  stopGroup(peerGroup);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(peerFile + suffix, { force: true });
}
