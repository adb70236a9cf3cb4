import "server-only";
// Every state change writes a receipt inside the caller's transaction, so a
// change and its receipt commit or fail together. Receipts are never updated
// (database triggers refuse it) and each one is hash-linked to the one before
// it (lib/receipts/chain.ts), so a later edit, deletion or reordering shows.
import type { SqlTarget } from "@/lib/db/sql";
// Each payload is checked against its kind's schema before it is hashed
// (lib/receipts/receipt-payloads.ts), at compile time and at run time.
import { appendToChain } from "@/lib/receipts/chain";
import { checkReceiptPayload, type ReceiptKind, type ReceiptPayload } from "@/lib/receipts/receipt-payloads";
import { AppError } from "@/lib/base/app-error";
import { MAX_CANONICAL_DEPTH, nestedDeeperThan } from "@/lib/base/json-depth";

export type { ReceiptKind, ReceiptPayload };

export type ReceiptActor =
  | { type: "user"; id: string; email: string; name: string; role: string; auth_method: string }
  | { type: "agent"; id: string; name: string }
  | { type: "policy"; id: string; name: string }
  | { type: "tool"; id: string; name: string }
  | { type: "system"; id: string; name: string };

type ReceiptEnvelope = {
  actor: ReceiptActor;
  proposalId?: string;
  digest?: string;
  reason?: string;
  batchId?: string;
  at?: Date;
};

/** A receipt to write: its kind decides its payload's type (lib/receipts/receipt-payloads.ts). */
export type NewReceipt = { [K in ReceiptKind]: ReceiptEnvelope & { kind: K; payload: ReceiptPayload<K> } }[ReceiptKind];

/**
 * What is hashed must be hashable again by every verifier: nothing nested past canonical JSON's
 * bound (lib/base/json-depth.ts) is written, and the caller gets a 400 rather than a receipt
 * that no one could verify. Checked before the payload's schema, which recurses too.
 */
function checkReceipt(receipt: NewReceipt): void {
  if (nestedDeeperThan(receipt.payload) || nestedDeeperThan(receipt.actor)) {
    throw new AppError("invalid", "invalid_input", `A ${receipt.kind} receipt cannot record data nested deeper than ${MAX_CANONICAL_DEPTH} levels of objects and arrays.`);
  }
  checkReceiptPayload(receipt.kind, receipt.payload);
}

export async function appendReceipt(tx: SqlTarget, receipt: NewReceipt): Promise<{ id: string; seq: number }> {
  checkReceipt(receipt);
  const [written] = await appendToChain(tx, [receipt]);
  return written!;
}

/** Appends several receipts, in order, inside the caller's transaction (Prisma's or the driver's). */
export async function appendReceipts(tx: SqlTarget, receipts: NewReceipt[]): Promise<{ id: string; seq: number }[]> {
  for (const receipt of receipts) checkReceipt(receipt);
  return appendToChain(tx, receipts);
}
