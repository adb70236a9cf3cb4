// npm run bench:soak: stamina of the production build (run `npm run build`
// first). On each database: SOAK_PROPOSALS proposals (default 30,000) posted
// at concurrency SOAK_CONCURRENCY (default 32), while a decider approves and
// rejects the pending ones in batches of 500 (through decideProposals, in its
// own process) and `receipts:verify` checks the whole chain again and again.
// It fails (exit 1) unless the server is alive at the end, answered no 5xx
// and every verification passed; it prints the server's resident memory at
// start and end. PostgreSQL runs when BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) is set.
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import { promisify } from "node:util";
import { benchEnvelope } from "./bench/envelopes.ts";
import { freshDatabase, startServer, stopGroup } from "./bench/intake-http.ts";

const PORT = Number(process.env.BENCH_PORT ?? 3291);
const TOTAL = Number(process.env.SOAK_PROPOSALS ?? 30_000);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 32);
const BATCH = Number(process.env.SOAK_BATCH ?? 500);
const run = promisify(execFile);

if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(2);
}

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok;
  } catch {
    return false;
  }
}

/** Resident memory (MB) of the server: the largest process in its process group. */
function serverRssMb(server: ChildProcess): number {
  const out = execFileSync("ps", ["-o", "rss=", "-g", String(server.pid)], { encoding: "utf8" });
  return Math.max(0, ...out.split("\n").filter(Boolean).map(Number)) / 1024;
}

const networkErrors = new Map<string, number>();

function post(agent: http.Agent, key: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: "127.0.0.1", port: PORT, path: "/api/v1/proposals", method: "POST", agent, headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      // 0: no answer at all (the server died or dropped the socket); the code says which.
      networkErrors.set(error.code ?? error.message, (networkErrors.get(error.code ?? error.message) ?? 0) + 1);
      resolve(0);
    });
    req.end(body);
  });
}

async function soak(label: string, url: string): Promise<boolean> {
  const { env, key } = await freshDatabase(url, "soak");
  const server = await startServer(env, PORT);
  const rssStart = serverRssMb(server);
  const statuses = new Map<number, number>();
  const verifications: { ok: boolean; ms: number; line: string }[] = [];
  let intakeDone = false;
  const started = performance.now();
  try {
    const decider = spawn("npx", ["tsx", "--conditions=react-server", "scripts/bench/soak-decide.ts", String(BATCH)], { env, stdio: ["pipe", "pipe", "inherit"] });
    let deciderOut = "";
    decider.stdout!.on("data", (chunk) => (deciderOut += chunk));
    const deciderExit = new Promise<number>((resolve) => decider.on("exit", (code) => resolve(code ?? 1)));

    const verifier = (async () => {
      while (!intakeDone) {
        const t0 = performance.now();
        try {
          const { stdout } = await run("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", "receipts:verify"], { env, maxBuffer: 1 << 24 });
          verifications.push({ ok: true, ms: performance.now() - t0, line: stdout.trim().split("\n")[0]! });
        } catch (error) {
          verifications.push({ ok: false, ms: performance.now() - t0, line: String((error as { stdout?: string }).stdout ?? error).trim().split("\n").slice(0, 3).join(" | ") });
        }
      }
    })();

    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let next = 0;
    let lastReport = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < TOTAL) {
          const status = await post(agent, key, JSON.stringify(benchEnvelope("soak", next++)));
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (performance.now() - lastReport > 10_000) {
            lastReport = performance.now();
            console.log(`  ${label}: ${next} posted, ${((performance.now() - started) / 1000).toFixed(0)} s, server RSS ${serverRssMb(server).toFixed(0)} MB`);
          }
        }
      }),
    );
    agent.destroy();
    intakeDone = true;
    const seconds = (performance.now() - started) / 1000;
    decider.stdin!.end();
    const [deciderCode] = await Promise.all([deciderExit, verifier]);
    const decided = JSON.parse(deciderOut.trim().split("\n").at(-1) || "{}") as { batches?: number; decided?: number; timingsMs?: number[] };
    // The chain once more, now that nothing writes.
    const final = await run("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", "receipts:verify"], { env, maxBuffer: 1 << 24 }).then(
      (r) => ({ ok: true, line: r.stdout.trim().split("\n")[0]! }),
      (e) => ({ ok: false, line: String((e as { stdout?: string }).stdout ?? e).trim().split("\n")[0]! }),
    );
    const alive = await healthy();
    const rssEnd = serverRssMb(server);
    const fiveXx = [...statuses].filter(([s]) => s >= 500 || s === 0).reduce((n, [, c]) => n + c, 0);
    const failedVerifications = verifications.filter((v) => !v.ok);
    console.log(`${label}: ${TOTAL} proposals at c=${CONCURRENCY} in ${seconds.toFixed(0)} s (${(TOTAL / seconds).toFixed(0)}/s); statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    console.log(`${label}: decider ${decided.batches ?? "?"} batches of ${BATCH}, ${decided.decided ?? "?"} decided, ms ${(decided.timingsMs ?? []).join(", ")} (exit ${deciderCode})`);
    console.log(`${label}: ${verifications.length} verifications during the soak (${failedVerifications.length} failed, ${verifications.map((v) => (v.ms / 1000).toFixed(1)).join(", ")} s); final: ${final.line}`);
    for (const v of failedVerifications.slice(0, 3)) console.log(`  failed verification: ${v.line}`);
    if (networkErrors.size > 0) console.log(`${label}: requests without an answer, by error: ${JSON.stringify(Object.fromEntries(networkErrors))}`);
    networkErrors.clear();
    console.log(`${label}: server alive ${alive}; resident memory ${rssStart.toFixed(0)} MB at start, ${rssEnd.toFixed(0)} MB at end; no-answer/5xx ${fiveXx}`);
    return alive && fiveXx === 0 && failedVerifications.length === 0 && final.ok && deciderCode === 0 && (statuses.get(201) ?? 0) === TOTAL;
  } finally {
    intakeDone = true;
    stopGroup(server.pid);
  }
}

console.log(`Soak: ${TOTAL} proposals at c=${CONCURRENCY}, decisions in batches of ${BATCH}, receipts:verify alongside, production build, ${new Date().toISOString()}, ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")} load`);
let ok = true;
const only = process.env.BENCH_DATABASES ?? "sqlite,postgresql";
if (only.includes("sqlite")) ok = (await soak("sqlite", "file:./.tmp/bench-soak.db")) && ok;
const pgBase = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
if (pgBase && only.includes("postgresql")) {
  const u = new URL(pgBase);
  u.pathname = `/${process.env.BENCH_POSTGRES_DB ?? "countersign_bench"}`;
  ok = (await soak("postgresql", u.toString())) && ok;
} else {
  console.log("(PostgreSQL skipped: set BENCH_POSTGRES_URL=postgresql://user:pass@host:5432/any to include it)");
}
console.log(ok ? "soak passed" : "soak FAILED");
process.exit(ok ? 0 : 1);
