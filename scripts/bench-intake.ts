// npm run bench:intake: drives POST /api/v1/proposals of the production build
// (run `npm run build` first) with realistic envelopes at several concurrencies,
// on SQLite and, when BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) is set, on
// PostgreSQL; prints proposals/s and p50/p99 latency next to the in-process
// ceiling (the same intake called straight through Prisma) and their ratio.
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import { benchEnvelope, percentile } from "./bench/envelopes.ts";
import { processGroupCpuMs } from "./bench/process-group-cpu.ts";
import { recreateDatabase } from "@/lib/db/recreate-database";

const PORT = Number(process.env.BENCH_PORT ?? 3290);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
/**
 * "server CPU ms" is the HTTP server's CPU time per proposal and "direct CPU ms" the in-process
 * ceiling's: both steadier than rates on a shared machine. LEAN_AGENT_API=false measures the
 * agent API served by Next.js's own pipeline instead of the lean handler.
 */
const COLUMN_WIDTHS = [11, 12, 12, 9, 9, 15, 15, 15, 7, 9];
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? "1,8,32").split(",").map(Number);
/** Proposals sent before the first measured row; the first rows pay for the JIT when this is small (docs/benchmarks.md). */
const WARM_UP = Number(process.env.BENCH_WARMUP ?? 2000);

if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(2);
}

async function freshDatabase(url: string) {
  await recreateDatabase(url);
  // A fresh checkpoint witness per run: the database is recreated, and an old witness would (rightly) make the signer refuse.
  const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn", NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-00" , CHECKPOINT_WITNESS_FILE: `.tmp/bench-witness-${process.pid}-${Date.now()}.jsonl` };
  execFileSync("npx", ["tsx", "scripts/db-migrate.ts"], { env, stdio: "ignore" });
  const cli = (...args: string[]) => execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", ...args], { env, encoding: "utf8" });
  cli("user:create", "--email", "bench@example.com", "--name", "Bench", "--role", "admin", "--password", "bench-password-1");
  cli("queue:create", "--slug", "bench", "--name", "Bench", "--domains", "ap");
  const key = cli("agent:create", "--name", "bench-http", "--sponsor", "bench@example.com", "--scopes", "ap:read,ap:write:draft,ap:commit").trim().split("\n").at(-1)!;
  const direct = cli("agent:create", "--name", "bench-direct", "--sponsor", "bench@example.com", "--scopes", "ap:read,ap:write:draft,ap:commit");
  const directId = /\(id ([^)]+)\)/.exec(direct)![1]!;
  return { env, key, directId };
}

async function startServer(env: NodeJS.ProcessEnv) {
  // `npm run serve` is `node scripts/serve.mjs`; started directly so BENCH_SERVER_NODE_ARGS can reach
  // node (e.g. "--cpu-prof --cpu-prof-dir=.tmp/prof" to see where the server's time goes).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, "scripts/serve.mjs", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...env, RATE_LIMIT_PER_MINUTE: "100000000", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) return server;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not start");
}

function post(agent: http.Agent, key: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        path: "/api/v1/proposals",
        method: "POST",
        agent,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function driveHttp(key: string, concurrency: number, count: number, offset: number, serverGroup: number) {
  // A fresh keep-alive pool per round, so no idle socket outlives the server's keep-alive timeout.
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const cpuBefore = processGroupCpuMs(serverGroup);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const body = JSON.stringify(benchEnvelope("bench", offset + next++));
        const t0 = performance.now();
        const status = await post(agent, key, body);
        latencies.push(performance.now() - t0);
        if (status !== 201) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = processGroupCpuMs(serverGroup);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const serverCpuMs = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / count;
  return { perSecond: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures, serverCpuMs };
}

async function benchDatabase(label: string, url: string) {
  const { env, key, directId } = await freshDatabase(url);
  const server = await startServer(env);
  const rows: string[] = [];
  try {
    await driveHttp(key, 8, WARM_UP, 9_000_000, server.pid!); // warm up JIT, pools and route compilation
    let offset = 0;
    for (const concurrency of CONCURRENCIES) {
      const http = await driveHttp(key, concurrency, REQUESTS, (offset += REQUESTS), server.pid!);
      const direct = JSON.parse(
        execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/bench/intake-direct.ts", directId, "bench-direct", "bench", String(REQUESTS), String(concurrency)], {
          env,
          encoding: "utf8",
        }).trim().split("\n").at(-1)!,
      ) as { perSecond: number; cpuMsPerProposal: number };
      rows.push(
        [label, String(concurrency), http.perSecond.toFixed(0), http.p50.toFixed(1), http.p99.toFixed(1), http.serverCpuMs?.toFixed(2) ?? "-", direct.perSecond.toFixed(0), direct.cpuMsPerProposal.toFixed(2), (http.perSecond / direct.perSecond).toFixed(2), String(http.failures)]
          .map((c, i) => c.padEnd(COLUMN_WIDTHS[i]!))
          .join(""),
      );
      console.log(rows.at(-1));
    }
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
}

console.log(`Intake benchmark: ${REQUESTS} proposals per row (about 2 KB each), production build, ${new Date().toISOString()}`);
console.log(["database", "concurrency", "http req/s", "p50 ms", "p99 ms", "server CPU ms", "direct req/s", "direct CPU ms", "ratio", "non-201"].map((c, i) => c.padEnd(COLUMN_WIDTHS[i]!)).join(""));
const only = process.env.BENCH_DATABASES ?? "sqlite,postgresql"; // e.g. BENCH_DATABASES=postgresql
if (only.includes("sqlite")) await benchDatabase("sqlite", "file:./.tmp/bench-intake.db");
const pgBase = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
if (pgBase && only.includes("postgresql")) {
  const u = new URL(pgBase);
  u.pathname = `/${process.env.BENCH_POSTGRES_DB ?? "countersign_bench"}`;
  await benchDatabase("postgresql", u.toString());
} else {
  console.log("(PostgreSQL skipped: set BENCH_POSTGRES_URL=postgresql://user:pass@host:5432/any to include it)");
}
