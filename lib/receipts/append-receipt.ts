import "server-only";
// Every state change writes a receipt inside the caller's transaction, so a
// change and its receipt commit or fail together. Receipts are never updated
// (database triggers refuse it) and each one is hash-linked to the one before
// it (lib/receipts/chain.ts), so a later edit, deletion or reordering shows.
import type { Tx } from "@/lib/db/client";
import { appendToChain } from "@/lib/receipts/chain";

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
  /** An admin (or the command line) created a queue, with the scope domains it governs. */
  | "queue_created"
  /** An agent set (or replaced) its webhook callback URL; a new signing secret was issued. */
  | "webhook_registered"
  | "webhook_removed"
  /** Containment and administration (lib/containment, lib/users, lib/agents). */
  | "agent_stopped"
  | "key_created"
  | "key_revoked"
  | "user_created"
  | "user_role_changed"
  | "user_disabled"
  | "user_enabled"
  | "membership_changed"
  /** Sessions (lib/users/sessions.ts): each ends every older session of the user. */
  | "password_changed"
  | "password_reset_forced"
  | "sessions_ended"
  | "sso_unlinked"
  /** One person's approval toward a quorum; "approved" follows when the quorum is met. */
  | "approval"
  /** Tools that redeem approval tokens (lib/tools), and each redemption. */
  | "tool_created"
  | "tool_revoked"
  | "token_redeemed"
  /** Notifications (lib/notifications): a pending proposal past its queue's service time, escalated once. */
  | "escalated"
  /** A person linked a Slack user to their account; a decision made from Slack (beside the decision's own receipt). */
  | "slack_linked"
  | "decided_via_slack";

export type ReceiptActor =
  | { type: "user"; id: string; email: string; name: string; role: string; auth_method: string }
  | { type: "agent"; id: string; name: string }
  | { type: "policy"; id: string; name: string }
  | { type: "tool"; id: string; name: string }
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

export async function appendReceipt(tx: Tx, receipt: NewReceipt): Promise<{ id: string; seq: number }> {
  const [written] = await appendToChain(tx, [receipt]);
  return written!;
}

/** Appends several receipts, in order, inside the caller's transaction. */
export async function appendReceipts(tx: Tx, receipts: NewReceipt[]): Promise<{ id: string; seq: number }[]> {
  return appendToChain(tx, receipts);
}
