// What the hashing workers (receipt-hash-pool.ts) read the stored chain
// through, one connection each: sqliteReceiptReader and postgresReceiptReader
// implement it over the same statements and row conversion as the verifier's
// page readers, so a worker hashes exactly the receipts they would hand over.
import type { ChainReceipt } from "@/lib/receipts/receipt-hash";

export type ReceiptReader = {
  /** The highest seq stored now (0 for an empty chain). */
  maxSeq(): Promise<number>;
  /** The first seq stored after `after`, or null when there is none (one step down the primary key). */
  nextSeq(after: number): Promise<number | null>;
  /** The receipts with after < seq <= upTo, in seq order. */
  range(after: number, upTo: number): Promise<Iterable<ChainReceipt>>;
  /** Up to `limit` receipts after `after`, in seq order. */
  page(after: number, limit: number): Promise<Iterable<ChainReceipt>>;
  close(): Promise<void>;
};
