import "server-only";
// Verifies the chain as stored: every receipt, read in seq order in pages of
// PAGE_SIZE (so 100,000 receipts never sit in memory at once), against every
// stored checkpoint, every checkpoint in the witness file and this server's
// published keys. Used by the CLI (`receipts:verify`) and the status panel on
// /receipts.
import { databaseTarget, db, type Tx } from "@/lib/db/client";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { env } from "@/lib/env";
import { checkpointGraceMs, storedCheckpoints } from "@/lib/receipts/checkpoints";
import { witnessFilePath } from "@/lib/receipts/checkpoint-witness";
import { readWitnessFile } from "@/lib/receipts/witness-file";
import { chainReceiptFromRow, type ChainReceipt } from "@/lib/receipts/receipt-hash";
import { sqliteReceiptPages } from "@/lib/receipts/sqlite-receipt-pages";
import { postgresReceiptPages } from "@/lib/receipts/postgres-receipt-pages";
import { pooledReceiptPages } from "@/lib/receipts/receipt-hash-pool";
import { verifyChain, type VerifyResult } from "@/lib/receipts/verify-chain";
import { publicJwks } from "@/lib/signing/signing-key";

// Receipts per page. On PostgreSQL the driver parses a whole page before the walk sees any of it,
// so a page's rows live until they are hashed: smaller pages there keep that short (with the page
// reader dropping each row once read, the collector's time on a million receipts went from about
// 13 s to under 2 s; docs/benchmarks.md, "Verifying a million on PostgreSQL"). SQLite reads a row
// as the walk reaches it.
const PAGE_SIZE = databaseTarget.provider === "postgresql" ? 2000 : 5000;

const param = (n: number) => (databaseTarget.provider === "postgresql" ? `$${n}` : "?");
// Pages are read with plain SQL: the verifier reads every receipt, and a raw
// page costs about half of the same page through the query builder. The
// adapters return the same values either way (numbers, Dates, parsed JSON).
const RECEIPT_PAGE_SQL = `SELECT "seq", "id", "kind", "proposalId", "actorType", "actorId", "actor", "payload", "digest", "reason", "batchId", "createdAt", "prevHash", "hash" FROM ${qualifiedTable("Receipt")} WHERE "seq" > ${param(1)} ORDER BY "seq" LIMIT ${param(2)}`;
type ReceiptRow = Parameters<typeof chainReceiptFromRow>[0];

/** Every stored receipt in seq order, one at a time (storedReceiptPages, flattened). */
export async function* storedReceipts(pageSize = PAGE_SIZE, client: Tx = db, onPage?: (read: number) => void): AsyncGenerator<ChainReceipt> {
  for await (const page of storedReceiptPages(pageSize, client, onPage)) yield* page;
}

/**
 * Every stored receipt in seq order, a page at a time; a page is walked
 * synchronously, and the next is asked for once it has been. `onPage(read)`:
 * after each page, how many receipts have been read so far. On PostgreSQL
 * the next page is asked for before this one is handed out, so the database
 * reads it while this process hashes (the two use both cores).
 */
export async function* storedReceiptPages(pageSize = PAGE_SIZE, client: Tx = db, onPage?: (read: number) => void, workers = 0): AsyncGenerator<Iterable<ChainReceipt>> {
  // Read and hashed on worker threads, each with a connection of its own (receipt-hash-pool.ts).
  if (client === db && workers > 0) {
    yield* pooledReceiptPages(databaseTarget, workers, pageSize, onPage);
    return;
  }
  // Read outside any transaction: SQLite straight from the file (sqlite-receipt-pages.ts).
  if (client === db && databaseTarget.provider === "sqlite") {
    yield* sqliteReceiptPages(databaseTarget.file, pageSize, onPage);
    return;
  }
  // PostgreSQL, likewise: a client of its own, text columns (postgres-receipt-pages.ts).
  if (client === db && databaseTarget.provider === "postgresql") {
    yield* postgresReceiptPages(databaseTarget.url, pageSize, onPage);
    return;
  }
  const fetchPage = (after: number) => {
    const page = client.$queryRawUnsafe<ReceiptRow[]>(RECEIPT_PAGE_SQL, after, pageSize);
    // A walk stopped early leaves its last request unread: its failure must not surface as an unhandled rejection.
    page.catch(() => undefined);
    return page;
  };
  let next: Promise<ReceiptRow[]> | undefined = fetchPage(0);
  let read = 0;
  while (next) {
    const page: ReceiptRow[] = await next;
    next = page.length === pageSize ? fetchPage(Number(page.at(-1)!.seq)) : undefined;
    read += page.length;
    onPage?.(read);
    yield page.map(chainReceiptFromRow);
  }
}

/**
 * `witnessFile`: another copy of the witness to hold the database against
 * (default: the signer's own, CHECKPOINT_WITNESS_FILE); `client`: read
 * through a transaction (the tests' tampered copies); `onProgress(read,
 * total)`: after each page (total is the receipt count when the walk began);
 * `workers`: hash on that many worker threads (receipt-hash-pool.ts; the CLI
 * takes --workers N), 0 to hash in this thread (the default; the /receipts panel,
 * inside the web server). The verdict is the same either way.
 */
export async function verifyStoredChain(
  now = new Date(),
  witnessFile = witnessFilePath(),
  client: Tx = db,
  onProgress?: (read: number, total: number) => void,
  workers = 0,
): Promise<VerifyResult> {
  const interval = env().CHECKPOINT_SECONDS;
  const total = onProgress ? await client.receipt.count() : 0;
  return verifyChain({
    // Checkpoints are read (and checked) before the receipts, so every one names a receipt that is already there.
    checkpoints: storedCheckpoints(undefined, client),
    pages: storedReceiptPages(undefined, client, onProgress && ((read) => onProgress(read, total)), workers),
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
