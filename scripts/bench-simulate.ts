// npm run bench:simulate: fills a database with 100,000 proposals (and one
// decision for each decided one), then times `policies:simulate` over all of
// them with a candidate set that freezes one queue's approvals, next to the
// 20-second ceiling of issue 15. SQLite by default; PostgreSQL too when
// BENCH_POSTGRES_URL is set. Prints the figures; asserts nothing. Filling takes
// minutes, so the SQLite file (.tmp/bench-simulate.db) is kept and reused when
// it already holds BENCH_TOTAL proposals, and so is a PostgreSQL database that
// holds exactly BENCH_TOTAL proposals (BENCH_REFILL=1 fills both again).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { recreateDatabase } from "@/lib/db/recreate-database";

const TOTAL = Number(process.env.BENCH_TOTAL ?? 100_000);
const CEILING_SECONDS = 20;
const PASSWORD = "bench-password-1";

function candidateDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-simulate-"));
  copyFileSync("lib/policy/cedar/default.cedar", path.join(dir, "default.cedar"));
  writeFileSync(
    path.join(dir, "freeze.cedar"),
    '@id("freeze-bench-1")\nforbid (principal, action == Action::"approve", resource is Proposal)\nwhen { resource.queue.slug == "bench-1" };\n',
  );
  return dir;
}

async function run(label: string, url: string, reuse: boolean) {
  console.log(`${label}:`);
  const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn", CHECKPOINT_WITNESS_FILE: `.tmp/bench-witness-${process.pid}-${Date.now()}.jsonl` };
  const tsx = (...args: string[]) => execFileSync("npx", ["tsx", "--conditions=react-server", ...args], { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (reuse) console.log("  reusing the filled database (BENCH_REFILL=1 fills it again)");
  else await fill(url, tsx);
  simulate(tsx);
}

async function fill(url: string, tsx: (...args: string[]) => string) {
  await recreateDatabase(url);
  tsx("scripts/db-migrate.ts");
  tsx("scripts/cli.ts", "user:create", "--email", "sponsor@example.com", "--name", "Bench Sponsor", "--role", "viewer", "--password", PASSWORD);
  tsx("scripts/cli.ts", "user:create", "--email", "approver@example.com", "--name", "Bench Approver", "--role", "approver", "--password", PASSWORD);
  for (let q = 0; q < 5; q++) tsx("scripts/cli.ts", "queue:create", "--slug", `bench-${q}`, "--name", `Bench queue ${q}`, "--domains", "ap");
  for (let a = 0; a < 5; a++) tsx("scripts/cli.ts", "agent:create", "--name", `bench-agent-${a}`, "--sponsor", "sponsor@example.com", "--scopes", "ap:read,ap:write:draft,ap:commit");
  const fill = JSON.parse(tsx("scripts/bench/fill-proposals.ts", String(TOTAL), String(Math.round(TOTAL / 5))).trim().split("\n").at(-1)!);
  const decisions = JSON.parse(tsx("scripts/bench/fill-decisions.ts").trim().split("\n").at(-1)!);
  console.log(`  filled ${TOTAL.toLocaleString("en-US")} proposals in ${fill.seconds.toFixed(1)} s and ${decisions.decisions.toLocaleString("en-US")} decisions in ${decisions.seconds.toFixed(1)} s`);
}

/**
 * CPU seconds used so far by this process's finished children (Linux: cutime + cstime of
 * /proc/self/stat), so the command's CPU can be told apart from the wall clock a shared
 * machine stretches; null elsewhere.
 */
function childrenCpuSeconds(): number | null {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

function simulate(tsx: (...args: string[]) => string) {
  const dir = candidateDir();
  const load = os.loadavg()[0]!.toFixed(1);
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  const out = tsx("scripts/cli.ts", "policies:simulate", "--dir", dir, "--days", "3650").trim().split("\n");
  const wall = (performance.now() - started) / 1000;
  const cpuAfter = childrenCpuSeconds();
  const cpu = cpuBefore === null || cpuAfter === null ? "CPU not measured" : `${(cpuAfter - cpuBefore).toFixed(1)} s CPU`;
  const summary = JSON.parse(out.at(-1)!);
  const history = out.find((line) => line.startsWith("History:"));
  console.log(`  ${history}`);
  console.log(`  summary: ${out.at(-1)}`);
  console.log(`  policies:simulate over ${summary.evaluated.toLocaleString("en-US")} proposals: ${wall.toFixed(1)} s wall clock, ${cpu} (process start included; load average ${load} on ${os.cpus().length} cores); ceiling ${CEILING_SECONDS} s`);
  // The simulation alone, in one process: wall clock and that process's own CPU (scripts/bench/simulate-cpu.ts).
  const alone = JSON.parse(tsx("scripts/bench/simulate-cpu.ts", dir, "3650").trim().split("\n").at(-1)!);
  console.log(`  the simulation alone (no process start): ${alone.seconds.toFixed(1)} s wall clock, ${alone.cpu_seconds.toFixed(1)} s CPU, ${alone.cedar_questions} of ${alone.questions} questions asked of Cedar (load average ${os.loadavg()[0]!.toFixed(1)})`);
}

const SQLITE_FILE = ".tmp/bench-simulate.db";
await run("SQLite", `file:./${SQLITE_FILE}`, existsSync(SQLITE_FILE) && !process.env.BENCH_REFILL && !process.env.BENCH_TOTAL);
/** Whether the PostgreSQL bench database already holds TOTAL proposals (false when it does not exist yet). */
async function holdsTotal(url: string): Promise<boolean> {
  if (process.env.BENCH_REFILL) return false;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM "Proposal"');
    return Number(rows[0]!.n) === TOTAL;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const postgres = process.env.BENCH_POSTGRES_URL;
if (postgres) await run("PostgreSQL", postgres, await holdsTotal(postgres));
