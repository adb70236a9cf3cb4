import "server-only";
// Verifies the chain as stored: every receipt, read in seq order in pages of
// PAGE_SIZE (so 100,000 receipts never sit in memory at once), against every
// stored checkpoint, every checkpoint in the witness file and this server's
// published keys. Used by the CLI (`receipts:verify`) and the status panel on
// /receipts.
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { checkpointGraceMs, storedCheckpoints } from "@/lib/receipts/checkpoints";
import { witnessFilePath } from "@/lib/receipts/checkpoint-witness";
import { readWitnessFile } from "@/lib/receipts/witness-file";
import { CHAIN_RECEIPT_SELECT, chainReceiptFromRow, type ChainReceipt } from "@/lib/receipts/receipt-hash";
import { verifyChain, type VerifyResult } from "@/lib/receipts/verify-chain";
import { publicJwks } from "@/lib/signing/signing-key";

const PAGE_SIZE = 5000;

export async function* storedReceipts(pageSize = PAGE_SIZE, client: Tx = db): AsyncGenerator<ChainReceipt> {
  let after = 0;
  for (;;) {
    const page = await client.receipt.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: pageSize, select: CHAIN_RECEIPT_SELECT });
    for (const row of page) yield chainReceiptFromRow(row);
    if (page.length < pageSize) return;
    after = page.at(-1)!.seq;
  }
}

/**
 * `witnessFile`: another copy of the witness to hold the database against
 * (default: the signer's own, CHECKPOINT_WITNESS_FILE); `client`: read
 * through a transaction (the tests' tampered copies).
 */
export async function verifyStoredChain(now = new Date(), witnessFile = witnessFilePath(), client: Tx = db): Promise<VerifyResult> {
  const interval = env().CHECKPOINT_SECONDS;
  return verifyChain({
    // Checkpoints are read (and checked) before the receipts, so every one names a receipt that is already there.
    checkpoints: storedCheckpoints(undefined, client),
    receipts: storedReceipts(undefined, client),
    jwks: await publicJwks(),
    // Two intervals plus a minute of slack: one missed tick (a restart) is not an alarm.
    expectCheckpointWithinMs: interval > 0 ? (2 * interval + 60) * 1000 : undefined,
    // No checkpoint at all over receipts past that grace: checkpoints deleted (or never signed), a failure.
    requireCheckpointAfterMs: checkpointGraceMs(),
    // Every stored checkpoint is read, so a prev naming a missing one means a deletion.
    checkpointsComplete: true,
    witness: { entries: readWitnessFile(witnessFile), name: witnessFile, requireStored: true },
    now,
  });
}
