// The receipt chain on a real database (SQLite, and PostgreSQL when
// TEST_POSTGRES_URL is set): receipts written through the real code paths
// (intake through the route handler, batch decisions) link up and verify
// against signed checkpoints; every kind of tampering, applied to a copy of
// the stored rows, is caught and the first broken receipt named; concurrent
// writers, also from a second client (another app instance), leave no gap;
// and the database itself refuses to update or delete a receipt.
import { vi, describe, expect, it, beforeAll } from "vitest";

vi.hoisted(() => {
  // One key for every test file (checkpoints from all of them share the chain), kept out of data/.
  process.env.SIGNING_KEY_FILE ??= ".tmp/test-signing-key.json";
});

import { execFile } from "node:child_process";
import { CompactSign, calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";
import { databaseTarget, db } from "@/lib/db/client";
import { appendReceipts, type NewReceipt } from "@/lib/receipts/append-receipt";
import { storedCheckpoints, writeCheckpoint } from "@/lib/receipts/checkpoints";
import { GENESIS_HASH, receiptHash, type ChainReceipt } from "@/lib/receipts/receipt-hash";
import { verifyChain, type CheckpointInput } from "@/lib/receipts/verify-chain";
import { storedReceipts, verifyStoredChain } from "@/lib/receipts/verify-stored-chain";
import { publicJwks } from "@/lib/signing/signing-key";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { createTestUser } from "@/test-support/users";
import { postProposal } from "@/test-support/agent-api";

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Re-links receipts from `from` on, as someone rewriting the chain without the key would. */
function relink(receipts: ChainReceipt[]): ChainReceipt[] {
  let prev = GENESIS_HASH;
  return receipts.map((r) => {
    const hash = receiptHash({ ...r, prev_hash: prev });
    const linked = { ...r, prev_hash: prev, hash };
    prev = hash;
    return linked;
  });
}

let rows: ChainReceipt[];
let checkpoints: CheckpointInput[];
let mine: ChainReceipt[];
let covered: number;
const verify = async (receipts: ChainReceipt[], cps: CheckpointInput[] = checkpoints) => verifyChain({ receipts, checkpoints: cps, jwks: await publicJwks() });

beforeAll(async () => {
  // A real chain: five proposals through the agent API, three approved and one rejected in batches.
  const world = await createTestWorld();
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const reply = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: `Chain test ${i}` }));
    expect(reply.status).toBe(201);
    ids.push(reply.body.id);
  }
  const dana = await createTestUser("approver", "Dana Ops");
  await decideProposals(dana, { ids: ids.slice(0, 3), outcome: "approved" });
  await decideProposals(dana, { ids: [ids[3]!], outcome: "rejected", reason: "Duplicate invoice" });
  const checkpoint = (await writeCheckpoint())!;
  covered = checkpoint.seq;

  // Other test files may sign later heads meanwhile; this copy of the chain ends at ours.
  checkpoints = (await collect(storedCheckpoints())).filter((c) => c.seq! <= covered);
  rows = (await collect(storedReceipts())).filter((r) => r.seq <= covered);
  mine = rows.filter((r) => r.proposal_id !== null && ids.includes(r.proposal_id));
  expect(mine.map((r) => r.kind).sort()).toEqual(["approved", "approved", "approved", "proposed", "proposed", "proposed", "proposed", "proposed", "rejected"]);
});

describe("a chain written through the real code paths", () => {
  it("links every receipt to the one before it and verifies against the signed checkpoint", async () => {
    for (const [i, r] of rows.entries()) {
      expect(r.seq).toBe(rows[0]!.seq + i);
      if (i > 0 && r.hash !== null) expect(r.prev_hash).toBe(rows[i - 1]!.hash);
    }
    const result = await verifyStoredChain();
    expect(result.firstBroken).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.headSeq).toBeGreaterThanOrEqual(covered);
    expect(result.lastCheckpoint!.seq).toBeGreaterThanOrEqual(covered);
    expect((await verify(rows)).ok).toBe(true);
  });

  it("names an edited field", async () => {
    const target = mine.find((r) => r.kind === "rejected")!;
    const result = await verify(rows.map((r) => (r.seq === target.seq ? { ...r, reason: "Approved after all" } : r)));
    expect(result.firstBroken).toMatchObject({ seq: target.seq, id: target.id });
    expect(result.firstBroken!.problem).toMatch(/altered/);
    const payloadEdit = await verify(rows.map((r) => (r.seq === target.seq ? { ...r, payload: { ...(JSON.parse(JSON.stringify(r.payload)) as object), outcome: "approved" } } : r)));
    expect(payloadEdit.firstBroken).toMatchObject({ seq: target.seq });
  });

  it("names a deleted receipt", async () => {
    const target = mine[2]!;
    const result = await verify(rows.filter((r) => r.seq !== target.seq));
    expect(result.firstBroken).toMatchObject({ seq: target.seq });
    expect(result.firstBroken!.problem).toMatch(/missing/);
  });

  it("names two swapped receipts", async () => {
    const [a, b] = [mine[1]!, mine[2]!];
    const swapped = rows.map((r) => (r.seq === a.seq ? { ...b, seq: a.seq } : r.seq === b.seq ? { ...a, seq: b.seq } : r));
    const result = await verify(swapped);
    expect(result.firstBroken).toMatchObject({ seq: Math.min(a.seq, b.seq) });
  });

  it("names a forged receipt inserted into the chain", async () => {
    const after = mine[0]!;
    const index = rows.findIndex((r) => r.seq === after.seq);
    const forged: ChainReceipt = { ...after, id: "forged", kind: "approved", seq: after.seq + 1, prev_hash: after.hash, hash: null };
    forged.hash = receiptHash({ ...forged, prev_hash: after.hash! });
    const shifted = rows.slice(index + 1).map((r) => ({ ...r, seq: r.seq + 1 }));
    const result = await verify([...rows.slice(0, index + 1), forged, ...shifted]);
    expect(result.firstBroken).toMatchObject({ seq: after.seq + 2 });
    expect(result.ok).toBe(false);
  });

  it("names a truncated tail", async () => {
    const result = await verify(rows.slice(0, -2));
    expect(result.firstBroken).toMatchObject({ seq: covered - 1, id: null });
    expect(result.firstBroken!.problem).toMatch(/truncated/);
  });

  it("catches the whole chain rewritten end to end without the signing key", async () => {
    const target = mine.find((r) => r.kind === "rejected")!;
    const rewritten = relink(rows.map((r) => (r.seq === target.seq ? { ...r, reason: "Approved after all" } : r)));
    expect((await verify(rewritten, [])).ok).toBe(true); // self-consistent...
    const kept = await verify(rewritten);
    expect(kept.ok).toBe(false); // ...but not what was signed
    expect(kept.firstBroken!.problem).toMatch(/does not match the checkpoint|re-hashed/);
    // A checkpoint signed with another key is refused.
    const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
    const head = rewritten.at(-1)!;
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify({ seq: head.seq, hash: head.hash, signed_at: new Date().toISOString() })))
      .setProtectedHeader({ alg: "EdDSA", kid })
      .sign(privateKey);
    const resigned = await verify(rewritten, [{ jws }]);
    expect(resigned.firstBroken!.problem).toMatch(/unknown key/);
  });
});

/** Another app instance: a separate process on the same database, appending `count` transactions at once. */
function appendFromAnotherProcess(count: number): Promise<number[][]> {
  return new Promise((resolve, reject) => {
    execFile(
      "npx",
      ["tsx", "--conditions=react-server", "test-support/append-receipts-process.ts", String(count)],
      { env: process.env, encoding: "utf8" },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout.trim().split("\n").at(-1)!) as number[][])),
    );
  });
}

describe("concurrent writers", () => {
  it("20 parallel transactions here and 10 in another instance leave a gapless chain", async () => {
    const actor = { type: "system", id: "chain-test", name: "Chain test" } as const;
    const receipts = (n: number): NewReceipt[] => [0, 1].map((part) => ({ kind: "queue_setting_changed", actor, payload: { queue: `writer-${n}-${part}`, setting: "separation_of_duties", before: false, after: true } }));
    const [here, there] = await Promise.all([
      Promise.all(Array.from({ length: 20 }, (_, n) => db.$transaction((tx) => appendReceipts(tx, receipts(n)), { timeout: 20_000, maxWait: 20_000 }))),
      appendFromAnotherProcess(10),
    ]);
    const pairs = [...here.map((pair) => pair.map((w) => w.seq)), ...there];
    const seqs = pairs.flat();
    expect(new Set(seqs).size).toBe(60);
    for (const pair of pairs) expect(pair[1]).toBe(pair[0]! + 1); // one transaction's receipts are consecutive
    const result = await verifyStoredChain();
    expect(result.firstBroken).toBeUndefined();
    expect(result.headSeq).toBeGreaterThanOrEqual(Math.max(...seqs));
  }, 120_000);
});

describe("the database keeps receipts append-only", () => {
  it("refuses to update or delete a receipt", async () => {
    const target = mine[0]!;
    await expect(db.receipt.update({ where: { seq: target.seq }, data: { reason: "rewritten" } })).rejects.toThrow(/append-only/);
    await expect(db.receipt.updateMany({ where: { seq: target.seq }, data: { hash: GENESIS_HASH } })).rejects.toThrow(/append-only/);
    await expect(db.receipt.delete({ where: { seq: target.seq } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "Receipt" WHERE "seq" = ${target.seq}`)).rejects.toThrow(/append-only/);
    if (databaseTarget.provider === "postgresql") {
      await expect(db.$executeRawUnsafe(`TRUNCATE "Receipt"`)).rejects.toThrow(/append-only/);
    }
    const still = await db.receipt.findUniqueOrThrow({ where: { seq: target.seq } });
    expect(still.hash).toBe(target.hash);
    expect(still.reason).toBe(target.reason);
  });
});
