// Times decisions of batches of N pending proposals (with decision rows and
// receipts, in one transaction) through the real decideProposals, in a fresh
// process: the first batch is "cold" (every module, statement and code path
// for the first time), the rest "warm". Before it the process does what a
// server does at start (lib/start-up.ts loads the Cedar policies, so a
// policy error stops start-up rather than a request, and warms Cedar up with
// made-up questions, lib/policy/warm-up.ts); that start-up work is timed and
// printed on its own. On SQLite it also starts the checkpoint worker, as the
// server does (lib/db/sqlite-checkpointer.ts): without it, the COMMIT of
// every batch at a million proposals copied the batch's ~3,400 pages of
// write-ahead log back into the database file itself (the default automatic
// checkpoint), a cost the server's decisions never pay on the request's
// thread. The worker's CPU is still in this process's figure. On PostgreSQL it
// also prints the write-ahead log each batch wrote (walBytes). Prints JSON.
import { databaseTarget, db } from "@/lib/db/client";
import { startSqliteCheckpointer } from "@/lib/db/sqlite-checkpointer";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { loadPolicies } from "@/lib/policy/engine";
import { warmUpPolicyEngine } from "@/lib/policy/warm-up";

const size = Number(process.argv[2] ?? 500);
const rounds = Number(process.argv[3] ?? 3);
if (databaseTarget.provider === "sqlite") await startSqliteCheckpointer(databaseTarget.file);
const user = await db.user.findFirstOrThrow({ where: { role: "admin" } });
const loadStarted = performance.now();
warmUpPolicyEngine(loadPolicies());
const policyLoadMs = performance.now() - loadStarted;
const timings: number[] = [];
// This process's CPU time per batch too (on SQLite all of the work; on PostgreSQL the server's share is not in it):
// on a shared machine the wall clock also counts other people's work.
const cpuMs: number[] = [];
// PostgreSQL: the write-ahead log each batch wrote (pg_current_wal_lsn before and after; the whole
// server's, so on a shared server other databases' writes count too). At a million proposals most
// of a batch's time on PostgreSQL is this, mostly whole pages (docs/benchmarks.md).
const walBytes: number[] = [];
const walPosition = async (): Promise<string | null> =>
  databaseTarget.provider === "postgresql" ? (await db.$queryRawUnsafe<{ lsn: string }[]>(`SELECT pg_current_wal_lsn()::text AS "lsn"`))[0]!.lsn : null;
for (let round = 0; round < rounds; round++) {
  const ids = (
    await db.proposal.findMany({ where: { status: "pending", expiresAt: { gt: new Date() } }, take: size, select: { id: true }, orderBy: { createdAt: "desc" } })
  ).map((p) => p.id);
  if (ids.length < size) break;
  const walBefore = await walPosition();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await decideProposals({ id: user.id, email: user.email, name: user.name, role: "admin", authMethod: "password" }, { ids, outcome: "approved" });
  timings.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  cpuMs.push((used.user + used.system) / 1000);
  if (walBefore !== null) {
    const [row] = await db.$queryRawUnsafe<{ bytes: number }[]>(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::float8 AS "bytes"`, walBefore);
    walBytes.push(Number(row!.bytes));
  }
  if (result.decided.length !== size) throw new Error(`decided ${result.decided.length} of ${size}`);
}
console.log(JSON.stringify({ size, timingsMs: timings, cpuMs, policyLoadMs, ...(walBytes.length ? { walBytes } : {}) }));
await db.$disconnect();
