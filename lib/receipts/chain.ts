import "server-only";
// The one writer of the receipt chain. Inside the caller's transaction it locks
// the chain's head row, numbers the new receipts head.seq+1, head.seq+2, …,
// links each to the previous one's hash, inserts them and advances the head,
// so the change, its receipts and the new head commit or roll back together.
//
// Serialization: the head row (ReceiptChainHead id=1) is the lock. On
// PostgreSQL the UPDATE takes a row lock that other transactions (in any app
// instance) wait on until commit; on SQLite any write takes the database's
// single write lock. Either way two writers can never read the same head, so
// sequence numbers are gapless and every prev_hash is the hash just before it.
import { canonicalJson, sha256Hex } from "@/lib/base/canonical-json";
import { timeOrderedId } from "@/lib/base/time-ordered-id";
import { databaseTarget, type Tx } from "@/lib/db/client";
import { asSql, isPrismaTx, type Sql, type SqlTarget } from "@/lib/db/sql";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { sqlParam, storedTimestamp } from "@/lib/db/raw-values";
import { CHAIN_RECEIPT_SELECT, GENESIS_HASH, asStoredJson, chainReceiptFromRow, receiptHash, receiptHashTextOf } from "@/lib/receipts/receipt-hash";
import type { NewReceipt } from "@/lib/receipts/append-receipt";

export const HEAD_ID = 1;
const UPGRADE_PAGE = 5000;

export type ChainHead = { seq: number; hash: string };

/**
 * Appends `receipts` in order; returns their ids and sequence numbers. On the
 * driver (lib/db/driver-sql.ts) the head must exist already: creating it reads
 * through the query builder, so a database without one is answered with
 * ChainHeadMissing and the caller retries in a Prisma transaction.
 */
export async function appendToChain(target: SqlTarget, receipts: NewReceipt[]): Promise<{ id: string; seq: number }[]> {
  if (receipts.length === 0) return [];
  const sql = asSql(target);
  const head = isPrismaTx(target) ? await lockHead(target) : await lockExistingHead(sql);
  if (!head) throw new ChainHeadMissing();
  const now = new Date();
  let seq = head.seq;
  let prevHash = head.hash;
  const rows = receipts.map((receipt) => {
    seq += 1;
    const row = {
      seq,
      id: timeOrderedId(),
      kind: receipt.kind,
      proposalId: receipt.proposalId ?? null,
      actorType: receipt.actor.type,
      actorId: receipt.actor.id,
      // Hash what the database will hand back, not the live objects (undefined members, Dates), as
      // the canonical text that is stored: the verifier then hashes the stored text as it is.
      actor: canonicalJson(asStoredJson(receipt.actor)),
      payload: canonicalJson(asStoredJson(receipt.payload)),
      digest: receipt.digest ?? null,
      reason: receipt.reason ?? null,
      batchId: receipt.batchId ?? null,
      createdAt: receipt.at ?? now,
      prevHash,
    };
    const hash = sha256Hex(
      receiptHashTextOf(
        { seq, id: row.id, kind: row.kind, proposal_id: row.proposalId, actor_type: row.actorType, actor_id: row.actorId, digest: row.digest, reason: row.reason, batch_id: row.batchId, created_at: row.createdAt.toISOString(), prev_hash: prevHash },
        row.actor,
        row.payload,
      ),
    );
    prevHash = hash;
    return { ...row, hash };
  });
  await insertRows(sql, rows);
  await sql.execute(ADVANCE_HEAD_SQL, [
    seq,
    prevHash,
    storedTimestamp(now),
  ]);
  return rows.map((row) => ({ id: row.id, seq: row.seq }));
}

// The head is locked and advanced, and the receipts inserted, with plain SQL:
// these statements run in every intake and decision, and a raw statement costs
// a fraction of a query-builder call (measured: about 0.4 ms against 2 ms on
// SQLite). The values are stored as Prisma would store them (JSON text, in canonical form, on
// both databases, UTC timestamps), so Prisma reads them back unchanged and the hashes,
// computed over what reads back, hold; the chain tests read them back to check.
const HEAD_TABLE = qualifiedTable("ReceiptChainHead");
const RECEIPT_TABLE = qualifiedTable("Receipt");
const RECEIPT_COLUMNS = ["seq", "id", "proposalId", "kind", "actorType", "actorId", "actor", "payload", "digest", "reason", "batchId", "createdAt", "prevHash", "hash"];
// PostgreSQL's actor and payload are json, not jsonb: json keeps the canonical text as it is sent, so the
// verifier reads back the very text it hashes, with nothing to rebuild (migration receipt_json_text).
const COLUMN_TYPES: Record<string, "json" | "timestamp"> = { actor: "json", payload: "json", createdAt: "timestamp" };
/** Rows per INSERT: 14 parameters each stays far below both databases' limits. */
const INSERT_CHUNK = 500;

const param = sqlParam;

type ReceiptRow = { seq: number; id: string; proposalId: string | null; kind: string; actorType: string; actorId: string | null; actor: string; payload: string; digest: string | null; reason: string | null; batchId: string | null; createdAt: Date; prevHash: string; hash: string };

export class ChainHeadMissing extends Error {
  constructor() {
    super("the receipt chain has no head yet; it is created in a Prisma transaction");
  }
}

async function insertRows(sql: Sql, rows: ReceiptRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const cells = RECEIPT_COLUMNS.map((column) => {
        const value = row[column as keyof ReceiptRow];
        // actor and payload are their canonical text already (RFC 8785, what the hash covers; canonical-json-text.ts).
        values.push(value instanceof Date ? storedTimestamp(value) : value);
        return param(values.length, COLUMN_TYPES[column]);
      });
      return `(${cells.join(", ")})`;
    });
    await sql.execute(`INSERT INTO ${RECEIPT_TABLE} (${RECEIPT_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`, values);
  }
}


/** Locks the head row for this transaction and returns it, creating it first on a database that has none. */
export async function lockHead(tx: Tx): Promise<ChainHead> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const head = await lockExistingHead(asSql(tx));
    if (head) return head;
    await createHead(tx);
  }
  throw new Error("the receipt chain's head could not be created");
}

/** Moves the head to (seq, hash) at `updatedAt`; the writer thread's caller knows a group committed by the head it leaves. */
export const ADVANCE_HEAD_SQL = `UPDATE ${HEAD_TABLE} SET "seq" = ${sqlParam(1)}, "hash" = ${sqlParam(2)}, "updatedAt" = ${sqlParam(3, "timestamp")} WHERE "id" = ${HEAD_ID}`;

/** Locks the head row and reads it (the writer thread checks that it reads the head its group was hashed on). */
export const LOCK_HEAD_SQL = `UPDATE ${HEAD_TABLE} SET "seq" = "seq" WHERE "id" = ${HEAD_ID} RETURNING "seq", "hash"`;

async function lockExistingHead(sql: Sql): Promise<ChainHead | null> {
  // A write, not a read: it takes the lock (PostgreSQL: the row; SQLite: the
  // database) before we learn the head, and holds it until commit.
  const [head] = await sql.query<{ seq: number | bigint; hash: string }>(LOCK_HEAD_SQL);
  return head ? { seq: Number(head.seq), hash: head.hash } : null;
}

/**
 * First append on this database: start the head after the receipts already
 * there. Receipts written before the chain existed have no stored hashes (and
 * the append-only triggers forbid adding them), so their hashes are computed
 * from their contents in seq order; the verifier does the same.
 */
async function createHead(tx: Tx): Promise<void> {
  const head = await computeHead(tx);
  const data = { id: HEAD_ID, seq: head.seq, hash: head.hash };
  if (databaseTarget.provider === "postgresql") {
    // Two first writers may race here: the loser's insert waits for the
    // winner's commit and then does nothing; both then lock the winner's row.
    // (The client's types come from the SQLite schema, where skipDuplicates does not exist.)
    const heads = tx.receiptChainHead as unknown as { createMany(args: { data: (typeof data)[]; skipDuplicates: true }): Promise<unknown> };
    await heads.createMany({ data: [data], skipDuplicates: true });
  } else {
    // SQLite: the update that found no head already holds the write lock.
    await tx.receiptChainHead.create({ data });
  }
}

/** The head as the stored receipts define it (stored hashes where present, computed ones before the chain). */
export async function computeHead(tx: Tx): Promise<ChainHead> {
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  for (;;) {
    const page = await tx.receipt.findMany({
      where: { seq: { gt: head.seq } },
      orderBy: { seq: "asc" },
      take: UPGRADE_PAGE,
      select: CHAIN_RECEIPT_SELECT,
    });
    for (const row of page) {
      const receipt = chainReceiptFromRow(row);
      head = { seq: row.seq, hash: row.hash ?? receiptHash({ ...receipt, prev_hash: head.hash }) };
    }
    if (page.length < UPGRADE_PAGE) return head;
  }
}

/** The committed head, for signing; created (after any pre-chain receipts) on a database that has none. */
export async function readHead(tx: Tx): Promise<ChainHead> {
  const head = await tx.receiptChainHead.findUnique({ where: { id: HEAD_ID }, select: { seq: true, hash: true } });
  return head ?? lockHead(tx);
}
