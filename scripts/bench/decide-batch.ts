// Times one decision of a batch of N pending proposals (with decision rows and
// receipts, in one transaction) through the real decideProposals. Prints JSON.
import { db } from "@/lib/db/client";
import { decideProposals } from "@/lib/proposals/decide-proposals";

const size = Number(process.argv[2] ?? 500);
const rounds = Number(process.argv[3] ?? 3);
const user = await db.user.findFirstOrThrow({ where: { role: "admin" } });
const timings: number[] = [];
for (let round = 0; round < rounds; round++) {
  const ids = (
    await db.proposal.findMany({ where: { status: "pending", expiresAt: { gt: new Date() } }, take: size, select: { id: true }, orderBy: { createdAt: "desc" } })
  ).map((p) => p.id);
  if (ids.length < size) break;
  const started = performance.now();
  const result = await decideProposals({ id: user.id, email: user.email, name: user.name, role: "admin", authMethod: "password" }, { ids, outcome: "approved" });
  timings.push(performance.now() - started);
  if (result.decided.length !== size) throw new Error(`decided ${result.decided.length} of ${size}`);
}
console.log(JSON.stringify({ size, timingsMs: timings }));
await db.$disconnect();
