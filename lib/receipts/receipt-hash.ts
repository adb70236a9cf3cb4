// How a receipt is hashed into the chain. Pure and shared by the writer
// (lib/receipts/chain.ts), the verifier and offline verification of an export,
// so all three agree on one definition:
//   hash = SHA-256 (hex) over the RFC 8785 canonical JSON of exactly the
//   fields below, where prev_hash is the previous receipt's hash (GENESIS_HASH
//   for the first) and created_at is ISO 8601 with milliseconds.
import { canonicalJson, sha256Hex } from "@/lib/base/canonical-json";

export const GENESIS_HASH = "0".repeat(64);

/** Every field a receipt's hash covers, named as in the JSONL export. */
export type ReceiptHashInput = {
  seq: number;
  id: string;
  prev_hash: string;
  kind: string;
  proposal_id: string | null;
  actor_type: string;
  actor_id: string | null;
  actor: unknown;
  payload: unknown;
  digest: string | null;
  reason: string | null;
  batch_id: string | null;
  created_at: string;
};

/** A receipt as the chain stores it: the hashed fields plus its stored hashes (null on receipts written before the chain). */
export type ChainReceipt = Omit<ReceiptHashInput, "prev_hash"> & { prev_hash: string | null; hash: string | null };

export function receiptHash(input: ReceiptHashInput): string {
  return sha256Hex(receiptHashText(input));
}

/**
 * A stored receipt's hash, or why it cannot be computed: its actor or payload
 * is nested past canonical JSON's bound (lib/base/json-depth.ts) or is not
 * JSON at all. The writer never stores either, so the verifier reports that
 * receipt as unreadable (tampered) instead of crashing on it.
 */
export function receiptHashOrProblem(input: ReceiptHashInput): { hash: string; unreadable?: undefined } | { hash?: undefined; unreadable: string } {
  try {
    return { hash: receiptHash(input) };
  } catch (error) {
    return { unreadable: `receipt #${input.seq} cannot be read (${(error as Error).message}): this server never writes such a receipt, so it was planted or altered in the database` };
  }
}

const str = JSON.stringify;

const HASHED_FIELDS = [
  "actor", "actor_id", "actor_type", "batch_id", "created_at", "digest", "id", "kind", "payload", "prev_hash", "proposal_id", "reason", "seq",
] as const satisfies readonly (keyof ReceiptHashInput)[];

function pickHashed(input: ReceiptHashInput): Record<string, unknown> {
  return Object.fromEntries(HASHED_FIELDS.map((field) => [field, input[field]]));
}

/**
 * The canonical JSON that receiptHash hashes. The top level is written by hand
 * with its keys already in RFC 8785 order (sorted by code unit), so nothing
 * outside this list is ever hashed and the verifier, which hashes every
 * receipt, skips building and sorting an object per row (about a third of its
 * time); the nested `actor` and `payload` go through canonicalJson. Scalars
 * are serialized by JSON.stringify, exactly as RFC 8785 (and canonicalize)
 * does. receipt-hash.test.ts holds it equal to canonicalJson of the object.
 */
export function receiptHashText(input: ReceiptHashInput): string {
  // A field left undefined (a malformed export line) is dropped, as canonical JSON of the object would.
  if (HASHED_FIELDS.some((field) => input[field] === undefined)) return canonicalJson(pickHashed(input));
  return receiptHashTextOf(input, canonicalJson(input.actor), canonicalJson(input.payload));
}

/**
 * receiptHashText, given the canonical JSON of `actor` and `payload`: the chain's writer has
 * those texts already (it stores them), so each is written once.
 */
export function receiptHashTextOf(input: Omit<ReceiptHashInput, "actor" | "payload">, actorText: string, payloadText: string): string {
  return (
    `{"actor":${actorText},"actor_id":${str(input.actor_id)},"actor_type":${str(input.actor_type)}` +
    `,"batch_id":${str(input.batch_id)},"created_at":${str(input.created_at)},"digest":${str(input.digest)}` +
    `,"id":${str(input.id)},"kind":${str(input.kind)},"payload":${payloadText}` +
    `,"prev_hash":${str(input.prev_hash)},"proposal_id":${str(input.proposal_id)},"reason":${str(input.reason)}` +
    `,"seq":${canonicalJson(input.seq)}}`
  );
}

/** A JSON value exactly as it reads back from the database (undefined members dropped, dates as strings). */
export function asStoredJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The receipt as the database row holds it -> the chain's view of it. */
export function chainReceiptFromRow(row: {
  seq: number;
  id: string;
  kind: string;
  proposalId: string | null;
  actorType: string;
  actorId: string | null;
  actor: unknown;
  payload: unknown;
  digest: string | null;
  reason: string | null;
  batchId: string | null;
  createdAt: Date;
  prevHash: string | null;
  hash: string | null;
}): ChainReceipt {
  return {
    seq: row.seq,
    id: row.id,
    kind: row.kind,
    proposal_id: row.proposalId,
    actor_type: row.actorType,
    actor_id: row.actorId,
    actor: row.actor,
    payload: row.payload,
    digest: row.digest,
    reason: row.reason,
    batch_id: row.batchId,
    created_at: row.createdAt.toISOString(),
    prev_hash: row.prevHash,
    hash: row.hash,
  };
}

/** The Prisma select for chainReceiptFromRow. */
export const CHAIN_RECEIPT_SELECT = {
  seq: true,
  id: true,
  kind: true,
  proposalId: true,
  actorType: true,
  actorId: true,
  actor: true,
  payload: true,
  digest: true,
  reason: true,
  batchId: true,
  createdAt: true,
  prevHash: true,
  hash: true,
} as const;
