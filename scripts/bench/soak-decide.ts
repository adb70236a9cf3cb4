// bench:soak's decider: while the soak runs, decides the newest pending
// proposals in batches of 500 through the real decideProposals (the function
// the queue's batch action calls), approving and rejecting in turn, until its
// parent closes stdin. Prints one JSON line: batches, decided, timings.
import { db } from "@/lib/db/client";
import { decideProposals } from "@/lib/proposals/decide-proposals";

const size = Number(process.argv[2] ?? 500);
let stopping = false;
process.stdin.on("end", () => (stopping = true)).resume();

const user = await db.user.findFirstOrThrow({ where: { role: "admin" } });
const caller = { id: user.id, email: user.email, name: user.name, role: "admin" as const, authMethod: "password" as const };
const timings: number[] = [];
let decided = 0;
let batches = 0;
while (!stopping) {
  const ids = (
    await db.proposal.findMany({ where: { status: "pending", expiresAt: { gt: new Date() } }, take: size, select: { id: true }, orderBy: { createdAt: "desc" } })
  ).map((p) => p.id);
  if (ids.length < size) {
    await new Promise((r) => setTimeout(r, 250));
    continue;
  }
  const started = performance.now();
  const result = await decideProposals(caller, { ids, outcome: batches % 2 === 0 ? "approved" : "rejected", ...(batches % 2 === 0 ? {} : { reason: "soak" }) });
  timings.push(performance.now() - started);
  decided += result.decided.length;
  batches++;
}
console.log(JSON.stringify({ batches, decided, timingsMs: timings.map((t) => Math.round(t)) }));
await db.$disconnect();
