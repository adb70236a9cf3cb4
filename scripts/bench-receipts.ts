// npm run bench:receipts: the receipt chain's costs, on SQLite and (when
// BENCH_POSTGRES_URL or TEST_POSTGRES_URL is set) PostgreSQL, each on a fresh
// database: the verifier's time over 100,000 receipts (written through the real
// chain writer, then checked against a signed checkpoint), and what the chain
// adds to a batch decision of 500. BENCH_DATABASES=sqlite or =postgresql runs
// one; BENCH_RECEIPTS changes the count. No build needed (all in-process).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { recreateDatabase } from "@/lib/db/recreate-database";
import { decideRow } from "./bench/decide-row.ts";

const RECEIPTS = Number(process.env.BENCH_RECEIPTS ?? 100_000);

function prepare(url: string) {
  // A fresh checkpoint witness per run: the database is recreated, and an old witness would (rightly) make the signer refuse.
  const witness = `.tmp/bench-witness-${process.pid}-${Date.now()}.jsonl`;
  const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn", SIGNING_KEY_FILE: ".tmp/bench-signing-key.json", CHECKPOINT_WITNESS_FILE: witness };
  const tsx = (...args: string[]) => execFileSync("npx", ["tsx", "--conditions=react-server", ...args], { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  tsx("scripts/db-migrate.ts");
  tsx("scripts/cli.ts", "user:create", "--email", "bench@example.com", "--name", "Bench Admin", "--role", "admin", "--password", "bench-password-1");
  for (let q = 0; q < 2; q++) tsx("scripts/cli.ts", "queue:create", "--slug", `bench-${q}`, "--name", `Bench queue ${q}`, "--domains", "ap");
  // Another sponsor: separation of duties keeps a sponsor from approving their agent's proposals.
  tsx("scripts/cli.ts", "user:create", "--email", "sponsor@example.com", "--name", "Bench Sponsor", "--role", "approver", "--password", "bench-password-1");
  tsx("scripts/cli.ts", "agent:create", "--name", "bench-agent", "--sponsor", "sponsor@example.com", "--scopes", "ap:read,ap:write:draft,ap:commit");
  return tsx;
}

async function bench(label: string, url: string) {
  console.log(`\n${label}`);
  await recreateDatabase(url);
  const tsx = prepare(url);
  const run = (...args: string[]) => JSON.parse(tsx("scripts/bench/receipts-run.ts", ...args).trim().split("\n").at(-1)!);
  const fill = run("fill", String(RECEIPTS));
  console.log(`  wrote ${RECEIPTS.toLocaleString("en-US")} receipts through the chain writer (5,000 per transaction): ${fill.seconds.toFixed(1)} s`);
  const verify = run("verify");
  console.log(
    `  verify the whole chain (${verify.checked.toLocaleString("en-US")} receipts, ${verify.checkpoints} checkpoint): ${verify.timingsS.map((s: number) => `${s.toFixed(2)} s`).join(", ")}` +
      ` (${Math.round(verify.checked / Math.min(...verify.timingsS)).toLocaleString("en-US")} receipts/s, ok=${verify.ok}); CPU ${verify.cpuS.map((s: number) => `${s.toFixed(2)} s`).join(", ")}` +
      `; load ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`,
  );
  const perMillion = (1_000_000 / verify.checked) * Math.min(...verify.timingsS);
  console.log(`    at that rate 1,000,000 receipts take ${perMillion.toFixed(1)} s (goal: under 10 s); resident memory ${verify.rssBeforeMb.toFixed(0)} MB before, ${verify.rssPeakMb.toFixed(0)} MB at peak`);
  tsx("scripts/bench/fill-proposals.ts", "3000", "2500");
  // Decisions + 500 chained receipts, one transaction; a fresh process: the first batch cold, then warm.
  console.log(`  ${decideRow(JSON.parse(tsx("scripts/bench/decide-batch.ts", "500", "4").trim().split("\n").at(-1)!))}`);
  const cost = run("append-cost", "500");
  console.log(
    `  500 receipts in a transaction (rolled back, p50 of ${cost.rounds}): chain writer ${cost.chainedMs.toFixed(1)} ms (hashing ${cost.hashMs.toFixed(1)} ms of it)` +
      ` vs the previous unchained writer (Prisma createMany) ${cost.plainMs.toFixed(1)} ms: ${cost.chainedMs >= cost.plainMs ? "+" : "−"}${Math.abs(cost.chainedMs - cost.plainMs).toFixed(1)} ms`,
  );
}

console.log(`Receipt-chain benchmark, ${new Date().toISOString()}`);
const only = process.env.BENCH_DATABASES ?? "sqlite,postgresql";
if (only.includes("sqlite")) await bench("SQLite", "file:./.tmp/bench-receipts.db");
const pgBase = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
if (pgBase && only.includes("postgresql")) {
  const u = new URL(pgBase);
  u.pathname = `/${process.env.BENCH_DB_NAME ?? "countersign_bench_receipts"}`;
  await bench("PostgreSQL", u.toString());
} else if (only.includes("postgresql")) {
  console.log("\n(PostgreSQL skipped: set BENCH_POSTGRES_URL=postgresql://user:pass@host:5432/any to include it)");
}
