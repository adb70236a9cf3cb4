// Where in-process intake's time goes, without start-up in the picture: the
// same calls as intake-direct.ts, first 1,000 proposals at c=8 to warm the JIT,
// the statement caches and Cedar's remembered answers, then a CPU profile of
// only the measured proposals (summarise it with a .cpuprofile reader).
// Usage, with DATABASE_URL set to a migrated database that has the queue and agent:
//   npx tsx --conditions=react-server scripts/bench/intake-direct-profile.ts <agentId> <queue> <count> <concurrency> <out.cpuprofile> [first index]
// Prints proposals/s and the process's CPU per proposal (user and system; the
// SQLite checkpoint worker's thread included, as in the server).
import { Session } from "node:inspector/promises";
import { writeFileSync } from "node:fs";
import { createProposal } from "@/lib/proposals/create-proposal";
import { databaseTarget, db } from "@/lib/db/client";
import { startSqliteCheckpointer } from "@/lib/db/sqlite-checkpointer";
import { benchEnvelope } from "./envelopes.ts";

const [agentId, queue, countArg, concurrencyArg, out, firstArg] = process.argv.slice(2);
const agent = { id: agentId!, name: "bench-direct", sponsorId: "", scopes: ["ap:read", "ap:write:draft", "ap:commit"] };
if (databaseTarget.provider === "sqlite") await startSqliteCheckpointer(databaseTarget.file);

// Envelope indexes go on from here, so runs on one database never reuse a body.
let next = Number(firstArg ?? 0);
async function propose(count: number, concurrency: number): Promise<void> {
  const end = next + count;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < end) await createProposal(agent, JSON.parse(JSON.stringify(benchEnvelope(queue!, next++))), null);
    }),
  );
}

await propose(1000, 8);
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.start");
const count = Number(countArg);
const started = performance.now();
const cpuBefore = process.cpuUsage();
await propose(count, Number(concurrencyArg));
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const { profile } = await session.post("Profiler.stop");
writeFileSync(out!, JSON.stringify(profile));
console.log(JSON.stringify({ perSecond: count / seconds, cpuMsPerProposal: (cpu.user + cpu.system) / 1000 / count, systemMsPerProposal: cpu.system / 1000 / count }));
await db.$disconnect();
