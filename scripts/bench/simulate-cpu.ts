// The simulation alone, in this process: `policies:simulate --dir D --days N`
// without process start, timed by the wall clock and by this process's CPU
// (process.cpuUsage), which a shared machine's load barely moves. Run with
// DATABASE_URL set; prints JSON (bench:simulate reads it).
import { loadPolicyDir } from "@/lib/policy/load-policies";
import { simulatePolicies } from "@/lib/policy/simulate/simulate-policies";
import { summaryLine } from "@/lib/policy/simulate/format-simulation";
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { db } from "@/lib/db/client";

const [dir, days] = process.argv.slice(2);
const candidate = loadPolicyDir(dir);
const cpu = process.cpuUsage();
const started = performance.now();
const report = await simulatePolicies(CLI_CALLER, { candidate, days: Number(days ?? 30) });
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    seconds: (performance.now() - started) / 1000,
    cpu_seconds: (used.user + used.system) / 1e6,
    questions: report.questions,
    cedar_questions: report.cedarQuestions,
    summary: JSON.parse(summaryLine(report)) as unknown,
  }),
);
await db.$disconnect();
