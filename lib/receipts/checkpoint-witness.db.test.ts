// The checkpoint witness against someone who can write to the database but
// does not hold the signing key (SQLite, and PostgreSQL when TEST_POSTGRES_URL
// is set). Each attack is played inside a transaction that is rolled back, so
// the shared test database is left as it was:
//   (a) only the newest checkpoint deleted: the signer refuses and the
//       verifier fails, both naming that checkpoint;
//   (b) triggers dropped, the newest checkpoints deleted, the receipts after
//       the oldest kept checkpoint rewritten and re-hashed: the signer
//       refuses, the verifier fails;
//   (c) the witness lacks checkpoints the database has: recent ones are a
//       warning (the signer adds them), old ones a failure; a deleted middle
//       checkpoint breaks the prev links even without the witness.
import { vi, describe, expect, it } from "vitest";

vi.hoisted(() => {
  process.env.SIGNING_KEY_FILE ??= ".tmp/test-signing-key.json";
});

// The refusal's security event, captured: the real one writes outside the
// tampering transaction, which on SQLite would wait for that transaction's lock.
const refusals = vi.hoisted(() => [] as { code: string; target: string; message: string }[]);
vi.mock("@/lib/security/record-refusal", () => ({
  recordRefusal: async (refusal: { code: string; target: string; message: string }) => {
    refusals.push(refusal);
  },
  recordRefusals: async (list: { code: string; target: string; message: string }[]) => {
    refusals.push(...list);
  },
}));

import { readFile, writeFile } from "node:fs/promises";
import { db } from "@/lib/db/client";
import { appendReceipts } from "@/lib/receipts/append-receipt";
import { CheckpointRefusedError, checkpointGraceMs, writeCheckpoint } from "@/lib/receipts/checkpoints";
import { witnessFilePath } from "@/lib/receipts/checkpoint-witness";
import { dropTriggers, inRolledBackTransaction, rewriteAfter } from "@/test-support/chain-tampering";
import { checkpointDigest } from "@/lib/receipts/verify-chain";
import { verifyStoredChain } from "@/lib/receipts/verify-stored-chain";
import { readWitnessFile } from "@/lib/receipts/witness-file";

const actor = { type: "system", id: "witness-test", name: "Checkpoint witness test" } as const;

async function someReceipts(n: number): Promise<void> {
  await db.$transaction((tx) => appendReceipts(tx, Array.from({ length: n }, (_, part) => ({ kind: "queue_setting_changed" as const, actor, payload: { queue: `witness-${part}`, setting: "separation_of_duties", before: false, after: true } }))));
}

/** Three signed checkpoints, each over new receipts, all witnessed. */
async function threeCheckpoints() {
  const written = [];
  for (let i = 0; i < 3; i++) {
    await someReceipts(2);
    written.push((await writeCheckpoint({ allowFirst: true }))!);
  }
  return written;
}

describe("checkpoints chain and are witnessed", () => {
  it("each checkpoint signs the previous one's digest, and the witness file holds it", async () => {
    const [first, second, third] = await threeCheckpoints();
    expect(second!.prev).toBe(checkpointDigest(first!.jws));
    expect(third!.prev).toBe(checkpointDigest(second!.jws));
    const payload = JSON.parse(Buffer.from(third!.jws.split(".")[1]!, "base64url").toString("utf8"));
    expect(payload).toMatchObject({ seq: third!.seq, hash: third!.hash, prev: third!.prev });
    const witnessed = [];
    for await (const entry of readWitnessFile(witnessFilePath())) witnessed.push(entry.digest);
    for (const checkpoint of [first, second, third]) expect(witnessed).toContain(checkpointDigest(checkpoint!.jws));
    const result = await verifyStoredChain();
    expect(result.firstBroken).toBeUndefined();
    expect(result.witnessed).toBeGreaterThanOrEqual(3);
  });
});

describe("an attacker with database access but no key", () => {
  it("(a) deletes only the newest checkpoint: the signer refuses and the verifier fails, naming it", async () => {
    await threeCheckpoints();
    refusals.length = 0;
    let newest = { seq: 0, signedAt: new Date(0) };
    await inRolledBackTransaction(async (tx) => {
      await dropTriggers(tx); // also locks the tables, so no other test signs meanwhile
      const last = await tx.chainCheckpoint.findFirstOrThrow({ orderBy: [{ seq: "desc" }, { signedAt: "desc" }] });
      newest = last;
      await tx.chainCheckpoint.delete({ where: { id: last.id } });

      const refused = await writeCheckpoint({ client: tx }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(CheckpointRefusedError);
      expect((refused as Error).message).toContain(`the database lacks checkpoint #${last.seq} signed at ${last.signedAt.toISOString()}`);

      const result = await verifyStoredChain(new Date(), witnessFilePath(), tx);
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toMatchObject({ seq: last.seq, checkpoint: true });
      expect(result.firstBroken!.problem).toContain(`checkpoint #${last.seq} signed at ${last.signedAt.toISOString()}`);
      expect(result.firstBroken!.problem).toMatch(/recorded by the witness .* but missing from the database/);
    });
    expect(refusals).toEqual([expect.objectContaining({ code: "checkpoint_missing", target: `checkpoint #${newest.seq}` })]);
    // Rolled back: signing goes on.
    expect(await writeCheckpoint()).not.toBeNull();
  });

  it("(b) drops the triggers, deletes the newest checkpoints and re-hashes the receipts after the oldest kept one: refused and failed", async () => {
    const [first] = await threeCheckpoints();
    await someReceipts(2);
    refusals.length = 0;
    await inRolledBackTransaction(async (tx) => {
      await dropTriggers(tx);
      // Keep `first` and everything older; delete every checkpoint after it, then rewrite the receipts after it.
      const newer = await tx.chainCheckpoint.findMany({ where: { OR: [{ seq: { gt: first!.seq } }, { seq: first!.seq, signedAt: { gt: first!.signedAt } }] } });
      expect(newer.length).toBeGreaterThanOrEqual(2);
      await tx.chainCheckpoint.deleteMany({ where: { id: { in: newer.map((row) => row.id) } } });
      await rewriteAfter(tx, first!.seq);

      const refused = await writeCheckpoint({ client: tx, allowFirst: true }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(CheckpointRefusedError);
      expect((refused as Error).message).toMatch(/the database lacks checkpoint #\d+ .* which the witness .* recorded/);
      expect(await tx.chainCheckpoint.count({ where: { signedAt: { gt: first!.signedAt } } })).toBe(0); // nothing was signed

      const result = await verifyStoredChain(new Date(), witnessFilePath(), tx);
      expect(result.ok).toBe(false);
      // The walk meets the first witnessed checkpoint after `first`: the re-hashed chain does not match it.
      expect(result.firstBroken!.problem).toMatch(/does not match the checkpoint signed at .* that the witness .* recorded/);
      expect(result.firstBroken!.seq).toBeGreaterThan(first!.seq);
    });
    expect(refusals).toEqual([expect.objectContaining({ code: "checkpoint_missing" })]);
  });

  it("(c) a witness that lacks checkpoints of the database: recent ones warn, old ones fail; a deleted middle checkpoint breaks the prev links", async () => {
    const [, second, third] = await threeCheckpoints();
    // A copy of the witness without the two newest: as if the witness had been truncated.
    const lines = (await readFile(witnessFilePath(), "utf8")).split("\n").filter((line) => line && !line.includes(third!.jws) && !line.includes(second!.jws));
    const truncated = `${witnessFilePath()}.truncated`;
    await writeFile(truncated, `${lines.join("\n")}\n`);
    const now = new Date();
    const recent = await verifyStoredChain(now, truncated);
    expect(recent.firstBroken).toBeUndefined();
    expect(recent.warnings.join(" ")).toMatch(/recent checkpoint\(s\) are not in the witness/);
    // Past the grace period the signer would have added them: a witness that still lacks them was cut short.
    const later = new Date(now.getTime() + checkpointGraceMs() + 60_000);
    const old = await verifyStoredChain(later, truncated);
    expect(old.ok).toBe(false);
    expect(old.firstBroken).toMatchObject({ seq: second!.seq, checkpoint: true });
    expect(old.firstBroken!.problem).toMatch(/is in the database but not in the witness/);

    // Without any witness, a checkpoint deleted from the middle still shows: the next one signs its digest.
    await inRolledBackTransaction(async (tx) => {
      await dropTriggers(tx);
      await tx.chainCheckpoint.delete({ where: { id: second!.id } });
      const result = await verifyStoredChain(new Date(), ".tmp/no-such-witness.jsonl", tx);
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toMatchObject({ seq: third!.seq, checkpoint: true });
      expect(result.firstBroken!.problem).toContain(`signs ${checkpointDigest(second!.jws).slice(0, 12)}… as the checkpoint before it, which is missing from the database`);
    });
  });
});
