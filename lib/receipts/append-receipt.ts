import "server-only";
// Every state change writes a receipt inside the caller's transaction, so a
// change and its receipt commit or fail together. Receipts are never updated.
import type { Tx } from "@/lib/db/client";

export type ReceiptKind =
  | "proposed"
  | "auto_approved"
  | "approved"
  | "rejected"
  | "edited"
  | "expired"
  | "cancelled"
  | "revoked"
  | "executed"
  | "failed"
  | "agent_created"
  | "agent_revoked"
  | "queue_setting_changed"
  /** One person's approval toward a quorum; "approved" follows when the quorum is met. */
  | "approval";

export type ReceiptActor =
  | { type: "user"; id: string; email: string; name: string; role: string; auth_method: string }
  | { type: "agent"; id: string; name: string }
  | { type: "policy"; id: string; name: string }
  | { type: "system"; id: string; name: string };

export type NewReceipt = {
  kind: ReceiptKind;
  actor: ReceiptActor;
  proposalId?: string;
  digest?: string;
  reason?: string;
  batchId?: string;
  payload: Record<string, unknown>;
  at?: Date;
};

/** The row for a receipt; also used inside nested creates (one statement plan, one transaction). */
export function receiptData(receipt: NewReceipt) {
  return {
      kind: receipt.kind,
      actorType: receipt.actor.type,
      actorId: receipt.actor.id,
      actor: receipt.actor,
      proposalId: receipt.proposalId ?? null,
      digest: receipt.digest ?? null,
      reason: receipt.reason ?? null,
      batchId: receipt.batchId ?? null,
      payload: receipt.payload as object,
      createdAt: receipt.at ?? new Date(),
  };
}

export async function appendReceipt(tx: Tx, receipt: NewReceipt): Promise<{ id: string; seq: number }> {
  return tx.receipt.create({ data: receiptData(receipt), select: { id: true, seq: true } });
}

/** Appends several receipts, in order, inside the caller's transaction. */
export async function appendReceipts(tx: Tx, receipts: NewReceipt[]): Promise<void> {
  if (receipts.length === 0) return;
  await tx.receipt.createMany({ data: receipts.map(receiptData) });
}
