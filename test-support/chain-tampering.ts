// What an attacker with database access does to the receipt chain, for the
// checkpoint tests (lib/receipts/checkpoint-guard.db.test.ts and
// checkpoint-witness.db.test.ts): switch the append-only triggers off, rewrite
// and re-hash receipts. Each attack runs in a transaction that is always
// rolled back, so the shared test database is left as it was.
import { expect } from "vitest";
import { databaseTarget, db, type Tx } from "@/lib/db/client";
import { CHAIN_RECEIPT_SELECT, GENESIS_HASH, chainReceiptFromRow, receiptHash, type ChainReceipt } from "@/lib/receipts/receipt-hash";

class Rollback extends Error {}

/** Runs `tamper` in a transaction that is always rolled back. */
export async function inRolledBackTransaction(tamper: (tx: Tx) => Promise<void>): Promise<void> {
  await expect(
    db.$transaction(
      async (tx) => {
        await tamper(tx);
        throw new Rollback();
      },
      { timeout: 120_000, maxWait: 60_000 },
    ),
  ).rejects.toBeInstanceOf(Rollback);
}

/** What an attacker does first: switch the append-only triggers off (this also locks the tables until the rollback). */
export async function dropTriggers(tx: Tx): Promise<void> {
  for (const table of ["Receipt", "ChainCheckpoint"]) {
    for (const op of ["update", "delete"]) {
      const name = `${table}_no_${op}`;
      await tx.$executeRawUnsafe(databaseTarget.provider === "postgresql" ? `DROP TRIGGER "${name}" ON "${table}"` : `DROP TRIGGER "${name}"`);
    }
  }
}

/** Rewrites the receipts after `afterSeq`, re-hashing and re-linking each, and moves the head along. */
export async function rewriteAfter(tx: Tx, afterSeq: number): Promise<void> {
  const before = afterSeq > 0 ? await tx.receipt.findUniqueOrThrow({ where: { seq: afterSeq }, select: CHAIN_RECEIPT_SELECT }) : null;
  let prev = before?.hash ?? GENESIS_HASH;
  const rows = await tx.receipt.findMany({ where: { seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, select: CHAIN_RECEIPT_SELECT });
  let head = { seq: afterSeq, hash: prev };
  for (const [i, row] of rows.entries()) {
    const reason = i === 0 ? "rewritten by someone with database access" : row.reason;
    const receipt: ChainReceipt = { ...chainReceiptFromRow({ ...row, reason }), prev_hash: prev };
    const hash = receiptHash({ ...receipt, prev_hash: prev });
    await tx.receipt.update({ where: { seq: row.seq }, data: { reason, prevHash: prev, hash } });
    prev = hash;
    head = { seq: row.seq, hash };
  }
  await tx.receiptChainHead.update({ where: { id: 1 }, data: { seq: head.seq, hash: head.hash } });
}
