// Signed checkpoints must not bless a rewritten chain (SQLite, and PostgreSQL
// when TEST_POSTGRES_URL is set):
//   - the database refuses to update or delete a checkpoint;
//   - the exploit (someone with database access drops the triggers, deletes
//     every checkpoint, rewrites and re-hashes the receipts, then waits for the
//     timer) makes writeCheckpoint refuse, with a security event, and the
//     verifier fail; played inside a transaction that is rolled back, so the
//     shared test database is left as it was;
//   - a rewrite from the last checkpoint's receipt on is refused the same way;
//   - a freshly seeded database verifies clean (the seed signs a first checkpoint).
import { vi, describe, expect, it } from "vitest";

vi.hoisted(() => {
  process.env.SIGNING_KEY_FILE ??= ".tmp/test-signing-key.json";
});

// The refusal's security event, captured: the real one writes outside the
// tampering transaction, which on SQLite would wait for that transaction's lock.
const refusals = vi.hoisted(() => [] as unknown[]);
vi.mock("@/lib/security/record-refusal", () => ({
  recordRefusal: async (refusal: unknown) => {
    refusals.push(refusal);
  },
  recordRefusals: async (list: unknown[]) => {
    refusals.push(...list);
  },
}));

import { execFile } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { databaseTarget, db } from "@/lib/db/client";
import { recreateDatabase } from "@/lib/db/recreate-database";
import { appendReceipts } from "@/lib/receipts/append-receipt";
import { CheckpointRefusedError, checkpointGraceMs, writeCheckpoint } from "@/lib/receipts/checkpoints";
import { CHAIN_RECEIPT_SELECT, GENESIS_HASH, chainReceiptFromRow } from "@/lib/receipts/receipt-hash";
import { dropTriggers, inRolledBackTransaction, rewriteAfter } from "@/test-support/chain-tampering";
import { verifyChain } from "@/lib/receipts/verify-chain";

import { publicJwks } from "@/lib/signing/signing-key";

const POSTGRES = databaseTarget.provider === "postgresql";
const actor = { type: "system", id: "guard-test", name: "Checkpoint guard test" } as const;

async function someReceipts(n: number): Promise<void> {
  await db.$transaction((tx) => appendReceipts(tx, Array.from({ length: n }, (_, part) => ({ kind: "queue_setting_changed" as const, actor, payload: { queue: `guard-${part}`, setting: "separation_of_duties", before: false, after: true } }))));
}

describe("the database keeps checkpoints append-only", () => {
  it("refuses to update or delete a checkpoint", async () => {
    await someReceipts(1);
    const checkpoint = (await writeCheckpoint({ allowFirst: true }))!;
    // (Through the query builder the SQLite driver adapter reports the trigger's abort as a
    // generic constraint violation, so only the raw statements are matched on the message.)
    await expect(db.chainCheckpoint.update({ where: { id: checkpoint.id }, data: { hash: GENESIS_HASH } })).rejects.toThrow();
    await expect(db.chainCheckpoint.updateMany({ where: { id: checkpoint.id }, data: { seq: 0 } })).rejects.toThrow();
    await expect(db.chainCheckpoint.delete({ where: { id: checkpoint.id } })).rejects.toThrow();
    await expect(db.chainCheckpoint.deleteMany({})).rejects.toThrow();
    await expect(db.$executeRawUnsafe(`UPDATE "ChainCheckpoint" SET "hash" = '${GENESIS_HASH}' WHERE "id" = '${checkpoint.id}'`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "ChainCheckpoint"`)).rejects.toThrow(/append-only/);
    if (POSTGRES) await expect(db.$executeRawUnsafe(`TRUNCATE "ChainCheckpoint"`)).rejects.toThrow(/append-only/);
    const still = await db.chainCheckpoint.findUniqueOrThrow({ where: { id: checkpoint.id } });
    expect(still).toMatchObject({ seq: checkpoint.seq, hash: checkpoint.hash, jws: checkpoint.jws });
  });
});

describe("the signer refuses to bless a rewritten chain", () => {
  it("checkpoints deleted and every receipt rewritten: writeCheckpoint refuses and the verifier fails", async () => {
    await someReceipts(3);
    refusals.length = 0;
    // Later than the grace period, as when the attacker waits for the timer.
    const later = new Date(Date.now() + checkpointGraceMs() + 60_000);
    await inRolledBackTransaction(async (tx) => {
      await dropTriggers(tx);
      await tx.chainCheckpoint.deleteMany({});
      await rewriteAfter(tx, 0);
      const head = await tx.receiptChainHead.findUniqueOrThrow({ where: { id: 1 } });

      const refused = await writeCheckpoint({ client: tx, now: later }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(CheckpointRefusedError);
      // The witness remembers the newest checkpoint, so that is what the signer names first.
      expect((refused as CheckpointRefusedError).message).toMatch(/the database lacks checkpoint #\d+ signed at .* which the witness .* recorded/);
      expect(head.seq).toBeGreaterThan(0);
      expect(await tx.chainCheckpoint.count()).toBe(0); // nothing was signed

      const receipts = (await tx.receipt.findMany({ orderBy: { seq: "asc" }, select: CHAIN_RECEIPT_SELECT })).map(chainReceiptFromRow);
      const result = await verifyChain({ receipts, checkpoints: [], jwks: await publicJwks(), requireCheckpointAfterMs: checkpointGraceMs(), now: later });
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toMatchObject({ seq: 1, unsigned: true });
    });
    // The admins see it in the security log.
    expect(refusals).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ type: "system" }), action: "receipts.checkpoint", code: "checkpoint_missing", message: expect.stringMatching(/lacks checkpoint #\d+/) }),
    ]);
  });

  it("the last checkpoint's receipt rewritten and the tail re-hashed: writeCheckpoint refuses, naming that receipt", async () => {
    await someReceipts(2);
    await writeCheckpoint({ allowFirst: true });
    await someReceipts(2);
    refusals.length = 0;
    let target = 0;
    await inRolledBackTransaction(async (tx) => {
      await dropTriggers(tx); // also locks the tables, so no other test moves the head meanwhile
      const last = await tx.chainCheckpoint.findFirstOrThrow({ orderBy: [{ seq: "desc" }, { signedAt: "desc" }] });
      target = last.seq;
      await rewriteAfter(tx, target - 1);
      const refused = await writeCheckpoint({ client: tx }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(CheckpointRefusedError);
      expect((refused as CheckpointRefusedError).broken).toMatchObject({ seq: target });
      expect((refused as CheckpointRefusedError).message).toMatch(/does not match the last signed checkpoint.*re-hashed/);
      expect(await tx.chainCheckpoint.count({ where: { seq: { gt: target } } })).toBe(0);
    });
    expect(refusals).toEqual([expect.objectContaining({ code: "chain_broken", target: `receipt #${target}` })]);
    // Rolled back: the real chain still extends its checkpoints, and signing goes on.
    expect(await writeCheckpoint()).not.toBeNull();
    expect(refusals).toHaveLength(1);
  });

  it("an intact chain is signed as before", async () => {
    await someReceipts(1);
    const checkpoint = await writeCheckpoint();
    expect(checkpoint).not.toBeNull();
    const receipt = await db.receipt.findUniqueOrThrow({ where: { seq: checkpoint!.seq }, select: { hash: true } });
    expect(receipt.hash).toBe(checkpoint!.hash);
  });
});

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("npx", args, { env, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("a freshly seeded database", () => {
  // Three child processes (migrate, seed, verify): minutes on a loaded 2-core machine, so a generous time-out (not a speed check).
  it("verifies clean: the seed signs a first checkpoint over its backdated receipts", async () => {
    let url: string;
    let cleanUp = () => {};
    if (POSTGRES) {
      const base = new URL(process.env.DATABASE_URL!);
      base.pathname = `${base.pathname}_seed`;
      url = base.toString();
      await recreateDatabase(url);
    } else {
      mkdirSync(".tmp", { recursive: true });
      const file = `.tmp/test-seed-${process.pid}.db`;
      cleanUp = () => {
        for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
      };
      cleanUp();
      url = `file:./${file}`;
    }
    // Its own witness too: the seed's checkpoint must not land in the witness of the shared test database.
    const witness = `.tmp/test-seed-witness-${process.pid}-${Date.now()}.jsonl`;
    const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent", CHECKPOINT_WITNESS_FILE: witness };
    expect((await run(["tsx", "scripts/db-migrate.ts"], env)).code).toBe(0);
    const seeded = await run(["tsx", "--conditions=react-server", "prisma/seed.ts"], env);
    expect(seeded.stderr).toBe("");
    expect(seeded.code).toBe(0);
    const verified = await run(["tsx", "--conditions=react-server", "scripts/cli.ts", "receipts:verify"], env);
    expect(verified.stdout).toMatch(/Chain intact through #\d+/);
    expect(verified.stdout).toMatch(/Last signed checkpoint/);
    expect(verified.stdout).toMatch(/witnessed checkpoint/);
    expect(verified.code).toBe(0);
    // The same verdict, word for word, with the receipts read and hashed on two worker threads.
    const pooled = await run(["tsx", "--conditions=react-server", "scripts/cli.ts", "receipts:verify", "--workers", "2"], env);
    expect(pooled.stdout).toBe(verified.stdout);
    expect(pooled.code).toBe(0);
    cleanUp();
    rmSync(witness, { force: true });
  }, 420_000);
});
