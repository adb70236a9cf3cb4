// npm run bench:intake: drives POST /api/v1/proposals of the production build
// (run `npm run build` first) with realistic envelopes at several concurrencies,
// on SQLite and, when BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) is set, on
// PostgreSQL; prints proposals/s and p50/p99 latency next to the in-process
// ceiling (the same intake called straight through Prisma) and their ratio.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { benchEnvelope } from "./bench/envelopes.ts";
import { driveHttp, freshDatabase, startServer, stopGroup } from "./bench/intake-http.ts";

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

async function benchDatabase(label: string, url: string) {
  const { env, key, directId } = await freshDatabase(url);
  const server = await startServer(env, PORT);
  const drive = (concurrency: number, count: number, offset: number) =>
    driveHttp({ port: PORT, path: "/api/v1/proposals", key, body: (i) => JSON.stringify(benchEnvelope("bench", offset + i)), concurrency, count, serverGroup: server.pid! });
  const rows: string[] = [];
  try {
    await drive(8, WARM_UP, 9_000_000); // warm up JIT, pools and route compilation
    let offset = 0;
    for (const concurrency of CONCURRENCIES) {
      const http = await drive(concurrency, REQUESTS, (offset += REQUESTS));
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
    stopGroup(server.pid);
  }
}

console.log(`Intake benchmark: ${REQUESTS} proposals per row (about 1.5 KB each), production build, ${new Date().toISOString()}`);
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
