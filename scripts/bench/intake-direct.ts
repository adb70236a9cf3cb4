// The ceiling: the same intake (validation, digest, one transaction with
// version and receipt) called straight in one process, no HTTP. Run as a child
// of scripts/bench-intake.ts with DATABASE_URL set; prints one JSON line.
import { createProposal } from "@/lib/proposals/create-proposal";
import { databaseTarget, db } from "@/lib/db/client";
import { startSqliteCheckpointer } from "@/lib/db/sqlite-checkpointer";
import { benchEnvelope } from "./envelopes.ts";

const [agentId, agentName, queue, countArg, concurrencyArg] = process.argv.slice(2);
const count = Number(countArg);
const concurrency = Number(concurrencyArg);
const agent = { id: agentId!, name: agentName!, sponsorId: "", scopes: ["ap:read", "ap:write:draft", "ap:commit"] };

// As the server does at start-up (lib/start-up.ts).
if (databaseTarget.provider === "sqlite") await startSqliteCheckpointer(databaseTarget.file);

let next = 0;
const started = performance.now();
const cpuBefore = process.cpuUsage();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = 5_000_000 + next++;
      await createProposal(agent, JSON.parse(JSON.stringify(benchEnvelope(queue!, i))), null);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
// CPU per proposal (user + system, this process only): steadier than the rate on a shared machine.
const cpu = process.cpuUsage(cpuBefore);
console.log(JSON.stringify({ perSecond: count / seconds, cpuMsPerProposal: (cpu.user + cpu.system) / 1000 / count }));
await db.$disconnect();
