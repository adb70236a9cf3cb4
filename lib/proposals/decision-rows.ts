import "server-only";
// The batch decision's reads and writes inside its transaction, in plain SQL
// (decide-proposals.ts), on the database driver or in a Prisma transaction
// (lib/db/sql.ts). A batch of 500 ran about ten query-builder calls over
// 500 ids each, and Prisma 6.19 compiles every call in WebAssembly and maps
// every row in JavaScript: measured, more of a warm batch's time than the
// database's own work (docs/benchmarks.md, "decide a batch of 500"). The
// statements are the same on both databases; values are stored as Prisma
// stores them (lib/db/raw-values.ts), so every reader sees the rows as before,
// and decide-proposals.db.test.ts reads them back through the query builder.
import { databaseTarget } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";
import { timeOrderedId } from "@/lib/base/time-ordered-id";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { readDate, sqlParam, storedJson, storedTimestamp } from "@/lib/db/raw-values";

const POSTGRES = databaseTarget.provider === "postgresql";

const PROPOSAL = qualifiedTable("Proposal");
const VERSION = qualifiedTable("ProposalVersion");
const DECISION = qualifiedTable("Decision");
/** Ids per statement: 500 placeholders and a few more, far below both databases' limits. */
const ID_CHUNK = 500;
/** Decision rows per INSERT: 9 parameters each. */
const DECISION_CHUNK = 500;

/** A pending item as the decision sees it under its lock. */
export type LockedProposal = {
  id: string;
  digest: string;
  version: number;
  requiredApprovals: number;
  approvalCount: number;
  commitEditedById: string | null;
  queueId: string;
  agentId: string;
  createdAt: Date;
};

function placeholders(from: number, count: number): string {
  return Array.from({ length: count }, (_, i) => sqlParam(from + i)).join(", ");
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * Locks the items still pending and unexpired at `now` and returns them.
 * PostgreSQL: SELECT … FOR UPDATE takes each row's lock until commit (no new
 * row version, unlike the UPDATE it replaces); an item another transaction
 * finalizes meanwhile is waited for, re-checked against the WHERE and left
 * out: reported as decided by someone else. SQLite: every transaction here
 * begins IMMEDIATE (lib/db/sqlite-adapter.ts), so it already holds the
 * database's write lock and no one can change the rows it reads.
 */
export async function lockPending(sql: Sql, ids: string[], now: Date): Promise<LockedProposal[]> {
  const locked: LockedProposal[] = [];
  // In one order across chunks too (a view's batch has several): two batches over the same items lock them in the same order.
  for (const chunk of chunks([...ids].sort(), ID_CHUNK)) {
    const rows = await sql.query<Record<string, unknown>>(
      `SELECT "id", "digest", "version", "requiredApprovals", "approvalCount", "commitEditedById", "queueId", "agentId", "createdAt" FROM ${PROPOSAL} ` +
        `WHERE "status" = 'pending' AND ("expiresAt" IS NULL OR "expiresAt" > ${sqlParam(1, "timestamp")}) AND "id" IN (${placeholders(2, chunk.length)})` +
        (POSTGRES ? " ORDER BY \"id\" FOR UPDATE" : ""),
      [storedTimestamp(now), ...chunk],
    );
    for (const r of rows) {
      locked.push({
        id: String(r.id),
        digest: String(r.digest),
        version: Number(r.version),
        requiredApprovals: Number(r.requiredApprovals),
        approvalCount: Number(r.approvalCount),
        commitEditedById: r.commitEditedById === null || r.commitEditedById === undefined ? null : String(r.commitEditedById),
        queueId: String(r.queueId),
        agentId: String(r.agentId),
        createdAt: readDate(r.createdAt)!,
      });
    }
  }
  return locked;
}

/** The items among `ids` this person has already voted on (from any session or batch). */
export async function votedBy(sql: Sql, userId: string, ids: string[]): Promise<Set<string>> {
  const voted = new Set<string>();
  for (const chunk of chunks(ids, ID_CHUNK)) {
    const rows = await sql.query<{ proposalId: string }>(
      `SELECT "proposalId" FROM ${DECISION} WHERE "userId" = ${sqlParam(1)} AND "proposalId" IN (${placeholders(2, chunk.length)})`,
      [userId, ...chunk],
    );
    for (const r of rows) voted.add(r.proposalId);
  }
  return voted;
}

/**
 * The digest of the plan version now in force, for the items an approver
 * edited (version 2 or later). Version 1's digest is the proposal's own
 * (intake writes both from one value, lib/proposals/insert-proposal-row.ts,
 * and an edit never changes Proposal.digest), so it is not looked up: most
 * batches then read no version row at all (an edited item has a few).
 */
export async function currentVersionDigests(sql: Sql, items: { id: string; version: number }[]): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  const inForce = new Map(items.filter((p) => p.version > 1).map((p) => [p.id, p.version]));
  for (const chunk of chunks([...inForce.keys()], ID_CHUNK)) {
    const rows = await sql.query<{ proposalId: string; version: number | bigint; digest: string }>(
      `SELECT "proposalId", "version", "digest" FROM ${VERSION} WHERE "proposalId" IN (${placeholders(1, chunk.length)})`,
      chunk,
    );
    for (const r of rows) if (Number(r.version) === inForce.get(r.proposalId)) digests.set(r.proposalId, r.digest);
  }
  return digests;
}

export type DecisionRow = {
  proposalId: string;
  userId: string;
  outcome: string;
  reason: string | null;
  digest: string;
  batchId: string;
  policies: string[];
  createdAt: Date;
};

const DECISION_COLUMNS = ["id", "proposalId", "userId", "outcome", "reason", "digest", "batchId", "policies", "createdAt"] as const;

/** Inserts the votes (the unique (proposalId, userId) index refuses a second vote by the same person). */
export async function insertDecisions(sql: Sql, rows: DecisionRow[]): Promise<void> {
  for (const chunk of chunks(rows, DECISION_CHUNK)) {
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const cells = [timeOrderedId(), row.proposalId, row.userId, row.outcome, row.reason, row.digest, row.batchId, storedJson(row.policies), storedTimestamp(row.createdAt)];
      const start = values.length;
      values.push(...cells);
      return `(${DECISION_COLUMNS.map((column, i) => sqlParam(start + i + 1, column === "policies" ? "jsonb" : column === "createdAt" ? "timestamp" : undefined)).join(", ")})`;
    });
    await sql.execute(`INSERT INTO ${DECISION} (${DECISION_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`, values);
  }
}

/**
 * Writes the votes' effect on the items, one UPDATE per row: an approval
 * counts on each item, and the final ones move to their status, decided now
 * in this batch (a rejection is final and counts no approval).
 */
export async function applyVotes(sql: Sql, outcome: "approved" | "rejected", finals: string[], partial: string[], now: Date, batchId: string): Promise<void> {
  const count = outcome === "approved" ? `"approvalCount" = "approvalCount" + 1, ` : "";
  for (const chunk of chunks(finals, ID_CHUNK)) {
    await sql.execute(
      `UPDATE ${PROPOSAL} SET ${count}"status" = ${sqlParam(1)}, "decidedAt" = ${sqlParam(2, "timestamp")}, "decidedBatchId" = ${sqlParam(3)}, "updatedAt" = ${sqlParam(4, "timestamp")} ` +
        `WHERE "id" IN (${placeholders(5, chunk.length)})`,
      [outcome, storedTimestamp(now), batchId, storedTimestamp(now), ...chunk],
    );
  }
  for (const chunk of chunks(partial, ID_CHUNK)) {
    await sql.execute(
      `UPDATE ${PROPOSAL} SET ${count}"updatedAt" = ${sqlParam(1, "timestamp")} WHERE "id" IN (${placeholders(2, chunk.length)})`,
      [storedTimestamp(now), ...chunk],
    );
  }
}
