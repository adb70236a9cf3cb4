// Gives every decided proposal of a bench database one person's decision (the
// approver for approved, executed and failed ones, a rejection for rejected
// ones), in bulk, so a policy simulation has decisions to ask about. Prints JSON.
import { db } from "@/lib/db/client";

const approver = await db.user.findUniqueOrThrow({ where: { email: process.argv[2] ?? "approver@example.com" }, select: { id: true } });
const started = performance.now();
let written = 0;
let cursor: string | undefined;
for (;;) {
  const page = await db.proposal.findMany({
    where: { status: { in: ["approved", "rejected", "executed", "failed"] } },
    orderBy: { id: "asc" },
    take: 5000,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: { id: true, status: true, digest: true, createdAt: true },
  });
  if (page.length === 0) break;
  cursor = page.at(-1)!.id;
  await db.decision.createMany({
    data: page.map((p) => ({
      proposalId: p.id,
      userId: approver.id,
      outcome: p.status === "rejected" ? "rejected" : "approved",
      reason: p.status === "rejected" ? "bench" : null,
      digest: p.digest,
      policies: ["people-decide"],
      createdAt: new Date(p.createdAt.getTime() + 60_000),
    })),
  });
  written += page.length;
}
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, decisions: written }));
await db.$disconnect();
