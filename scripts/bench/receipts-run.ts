// The in-process half of scripts/bench-receipts.ts, run with DATABASE_URL set;
// prints one JSON line.
//   fill N          writes N receipts through the chain writer, 5,000 per
//                   transaction (a million in minutes: the real writer, so
//                   the chain is valid by construction); progress on stderr
//   verify          signs a checkpoint, then verifies the whole chain three times
//   append-cost N   N receipts appended through the chain writer vs inserted as
//                   the unchained writer did (Prisma createMany), each in a
//                   transaction that is rolled back (nothing is kept)
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { appendReceipts, type NewReceipt } from "@/lib/receipts/append-receipt";
import { writeCheckpoint } from "@/lib/receipts/checkpoints";
import { asStoredJson, receiptHash } from "@/lib/receipts/receipt-hash";
import { verifyStoredChain } from "@/lib/receipts/verify-stored-chain";

const [command, arg] = process.argv.slice(2);
const actor = { type: "user", id: "u_bench", email: "dana@company.com", name: "Dana Ops", role: "approver", auth_method: "password" } as const;

function receipt(i: number): NewReceipt {
  const id = randomUUID();
  const digest = `${(i % 16).toString(16)}`.repeat(64);
  if (i % 2 === 0) {
    const payload = { proposal_id: id, queue: "bench-0", intent: "pay_vendor_bill", tier: "commit", scopes: ["ap:read", "ap:commit"], status: "pending", policies: [] };
    return { kind: "proposed", actor, digest, payload };
  }
  const batchId = `batch-${Math.floor(i / 500)}`;
  const payload = { proposal_id: id, outcome: "approved" as const, digest, version: 1, approvals: 1, required_approvals: 1, final: true, policies: [], batch_id: batchId, batch_size: 500 };
  return { kind: "approved", actor, digest, batchId, payload };
}

class Rollback extends Error {}
async function rolledBack(fn: Parameters<typeof db.$transaction>[0]): Promise<number> {
  const started = performance.now();
  let elapsed = 0;
  await db
    .$transaction(async (tx) => {
      await fn(tx);
      elapsed = performance.now() - started;
      throw new Rollback();
    }, { timeout: 60_000 })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

if (command === "fill") {
  const total = Number(arg);
  const started = performance.now();
  const perTransaction = 5000;
  for (let offset = 0; offset < total; offset += perTransaction) {
    const batch = Array.from({ length: Math.min(perTransaction, total - offset) }, (_, k) => receipt(offset + k));
    await db.$transaction((tx) => appendReceipts(tx, batch), { timeout: 120_000 });
    if ((offset / perTransaction) % 20 === 19) process.stderr.write(`  … ${(offset + batch.length).toLocaleString("en-US")} receipts written\n`);
  }
  console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000 }));
} else if (command === "verify") {
  await writeCheckpoint();
  const timingsS: number[] = [];
  // The process's CPU time per run as well: on a shared machine the wall clock also counts other people's work.
  const cpuS: number[] = [];
  let result;
  // Resident memory before and at its peak while verifying: a streamed walk stays flat whatever the chain's length.
  // rss() alone: memoryUsage() also measures the heap's spaces, about 1 % of a walk's CPU at 20 samples a second.
  const rssBeforeMb = process.memoryUsage.rss() / 2 ** 20;
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, process.memoryUsage.rss() / 2 ** 20)), 50);
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    result = await verifyStoredChain();
    timingsS.push((performance.now() - started) / 1000);
    const used = process.cpuUsage(cpu);
    cpuS.push((used.user + used.system) / 1e6);
  }
  clearInterval(sampler);
  console.log(JSON.stringify({ timingsS, cpuS, checked: result!.checked, checkpoints: result!.checkpoints, ok: result!.ok, rssBeforeMb, rssPeakMb }));
} else if (command === "append-cost") {
  const n = Number(arg);
  const chained: number[] = [];
  const plain: number[] = [];
  const hashing: number[] = [];
  const rounds = 5;
  for (let round = 0; round < rounds; round++) {
    const batch = Array.from({ length: n }, (_, k) => receipt(k));
    chained.push(await rolledBack((tx) => appendReceipts(tx, batch)));
    const last = (await db.receipt.aggregate({ _max: { seq: true } }))._max.seq ?? 0;
    // The same rows without the chain: explicit seqs past the end, no head, no hashes.
    plain.push(
      await rolledBack((tx) =>
        tx.receipt.createMany({
          data: batch.map((r, k) => ({ seq: last + 1 + k, id: randomUUID(), kind: r.kind, actorType: r.actor.type, actorId: r.actor.id, actor: r.actor, payload: r.payload as object, digest: r.digest ?? null, batchId: r.batchId ?? null, createdAt: new Date() })),
        }),
      ),
    );
    const started = performance.now();
    let prev = "0".repeat(64);
    for (const [k, r] of batch.entries()) {
      prev = receiptHash({ seq: k, id: "x", prev_hash: prev, kind: r.kind, proposal_id: null, actor_type: r.actor.type, actor_id: r.actor.id, actor: asStoredJson(r.actor), payload: asStoredJson(r.payload), digest: r.digest ?? null, reason: null, batch_id: r.batchId ?? null, created_at: new Date().toISOString() });
    }
    hashing.push(performance.now() - started);
  }
  console.log(JSON.stringify({ rounds, chainedMs: median(chained), plainMs: median(plain), hashMs: median(hashing) }));
} else {
  throw new Error(`unknown command ${command}`);
}
await db.$disconnect();
