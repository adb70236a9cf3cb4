// Fills a migrated database with N proposals (P pending) for the queue
// benchmark, in bulk through Prisma. Run with DATABASE_URL set; prints JSON.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { digestOf } from "@/lib/base/canonical-json";
import { riskRank } from "@/lib/proposals/risk";
import { benchEnvelope } from "./envelopes.ts";

const [totalArg, pendingArg] = process.argv.slice(2);
const total = Number(totalArg ?? 100_000);
const pending = Number(pendingArg ?? 20_000);
const queues = await db.queue.findMany({ select: { id: true, slug: true } });
const agents = await db.agent.findMany({ select: { id: true } });
const RISKS = ["low", "medium", "high", "critical"];
const DONE = ["approved", "rejected", "executed", "expired", "cancelled", "failed"];
const now = Date.now();
const started = performance.now();
const CHUNK = 1000;

for (let offset = 0; offset < total; offset += CHUNK) {
  const proposals = [];
  const versions = [];
  for (let i = offset; i < Math.min(total, offset + CHUNK); i++) {
    const queue = queues[i % queues.length]!;
    const envelope = benchEnvelope(queue.slug, i);
    const isPending = i % Math.round(total / pending) === 0;
    const risk = RISKS[(i * 7) % 4]!;
    const tier = i % 10 === 0 ? "write:draft" : "commit";
    const createdAt = new Date(now - ((i * 7919) % (90 * 86400)) * 1000);
    const id = randomUUID();
    const digest = digestOf(envelope);
    proposals.push({
      id,
      agentId: agents[i % agents.length]!.id,
      queueId: queue.id,
      intent: envelope.intent,
      title: envelope.title,
      summary: envelope.summary,
      actorType: "user",
      actorId: envelope.actor.id,
      actorEmail: envelope.actor.email,
      actorName: envelope.actor.name,
      agentModel: envelope.agent.model,
      scopes: envelope.scopes,
      tier,
      risk,
      riskRank: riskRank(risk),
      inputs: envelope.inputs,
      plan: envelope.plan,
      changes: envelope.changes,
      envelope,
      digest,
      status: isPending ? "pending" : DONE[i % DONE.length]!,
      intakeResponse: { id, status: "pending", tier, digest, url: "" },
      expiresAt: isPending ? new Date(now + ((i % 240) + 1) * 3600_000) : null,
      // Closed ones were closed some seconds to days later (the insight rollups' time to decision).
      decidedAt: isPending ? null : new Date(Math.min(now, createdAt.getTime() + ((i * 104_729) % (3 * 86_400)) * 1000)),
      createdAt,
    });
    if (isPending) versions.push({ proposalId: id, version: 1, plan: envelope.plan, digest, createdAt });
  }
  await db.$transaction([db.proposal.createMany({ data: proposals }), db.proposalVersion.createMany({ data: versions })]);
}
const counts = await db.proposal.groupBy({ by: ["status"], _count: { _all: true } });
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) }));
await db.$disconnect();
