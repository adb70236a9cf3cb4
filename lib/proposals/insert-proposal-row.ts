import "server-only";
// Intake's writes in plain SQL: a new proposal with its first version, and the
// re-check of its agent under a row lock. They run once per proposal (per
// group, the agent lock), where a query-builder call costs several times the
// statement itself (Prisma 6.19 compiles each call in WebAssembly, no plan
// cache; docs/benchmarks.md). Values are stored as Prisma stores them
// (lib/db/raw-values.ts), so every other reader sees the same rows as before;
// the intake tests (app/api/v1/proposals/intake.db.test.ts) read them back
// through the query builder.
import { timeOrderedId } from "@/lib/base/time-ordered-id";
import type { Sql } from "@/lib/db/sql";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { sqlParam, storedJson, storedTimestamp } from "@/lib/db/raw-values";

export type ProposalRow = {
  id: string;
  agentId: string;
  queueId: string;
  intent: string;
  title: string;
  summary: string | null;
  actorType: string;
  actorId: string;
  actorEmail: string | null;
  actorName: string | null;
  agentModel: string | null;
  agentVersion: string | null;
  agentRunId: string | null;
  scopes: unknown;
  tier: string;
  risk: string;
  riskRank: number;
  inputs?: unknown;
  plan: unknown;
  changes?: unknown;
  artifacts?: unknown;
  trace?: unknown;
  rollbackPlan?: unknown;
  envelope: unknown;
  digest: string;
  status: string;
  requiredApprovals: number;
  policies: unknown;
  idempotencyKey: string | null;
  intakeResponse: unknown;
  expiresAt: Date | null;
  decidedAt: Date | null;
  shapeKey: string | null;
  createdAt: Date;
};

const JSON_COLUMNS = new Set(["scopes", "inputs", "plan", "changes", "artifacts", "trace", "rollbackPlan", "envelope", "policies", "intakeResponse"]);
const TIME_COLUMNS = new Set(["expiresAt", "decidedAt", "createdAt", "updatedAt"]);
const PROPOSAL_COLUMNS = [
  "id", "agentId", "queueId", "intent", "title", "summary", "actorType", "actorId", "actorEmail", "actorName", "agentModel", "agentVersion",
  "agentRunId", "scopes", "tier", "risk", "riskRank", "inputs", "plan", "changes", "artifacts", "trace", "rollbackPlan", "envelope", "digest",
  "status", "version", "requiredApprovals", "approvalCount", "policies", "idempotencyKey", "intakeResponse", "expiresAt", "decidedAt",
  "shapeKey", "createdAt", "updatedAt",
] as const;
const VERSION_COLUMNS = ["id", "proposalId", "version", "plan", "digest", "createdAt"] as const;

function insertSql(table: string, columns: readonly string[]): string {
  const cells = columns.map((c, i) => sqlParam(i + 1, JSON_COLUMNS.has(c) ? "jsonb" : TIME_COLUMNS.has(c) ? "timestamp" : undefined));
  return `INSERT INTO ${qualifiedTable(table)} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${cells.join(", ")})`;
}

// Built once: the same text every time, so the drivers' statement caches hit.
let statements: { proposal: string; version: string } | null = null;

function stored(column: string, value: unknown): unknown {
  if (JSON_COLUMNS.has(column)) return storedJson(value);
  if (value instanceof Date) return storedTimestamp(value);
  return value ?? null;
}

/** Inserts the proposal (version 1, no approvals yet) and its first plan version. */
export async function insertProposalRow(sql: Sql, row: ProposalRow): Promise<void> {
  statements ??= { proposal: insertSql("Proposal", PROPOSAL_COLUMNS), version: insertSql("ProposalVersion", VERSION_COLUMNS) };
  const full: Record<string, unknown> = { ...row, version: 1, approvalCount: 0, updatedAt: row.createdAt };
  await sql.execute(statements.proposal, PROPOSAL_COLUMNS.map((c) => stored(c, full[c])));
  // A time-ordered id: a random one put each new version on a random page of the id's index (one more page a proposal for the COMMIT to write).
  const version: Record<string, unknown> = { id: timeOrderedId(), proposalId: row.id, version: 1, plan: row.plan, digest: row.digest, createdAt: row.createdAt };
  await sql.execute(statements.version, VERSION_COLUMNS.map((c) => stored(c, version[c])));
}

/**
 * Re-checks the agent under a lock on its row (a write: PostgreSQL locks the
 * row, SQLite holds the database's write lock): false when it was stopped.
 */
export async function lockActiveAgent(sql: Sql, agentId: string, now = new Date()): Promise<boolean> {
  const count = await sql.execute(`UPDATE ${qualifiedTable("Agent")} SET "updatedAt" = ${sqlParam(1, "timestamp")} WHERE "id" = ${sqlParam(2)} AND "disabled" = false`, [
    storedTimestamp(now),
    agentId,
  ]);
  return count > 0;
}

/** A unique index refused the row: the query builder's P2002, the raw statement's P2010, or the driver's own error. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta, message } = error as { code?: string; meta?: { code?: string; driverAdapterError?: unknown }; message?: string };
  if (code === "P2002" || code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE") return true;
  if (code !== "P2010") return false;
  return meta?.code === "23505" || meta?.code === "2067" || meta?.code === "1555" || /UNIQUE constraint failed|duplicate key value/i.test(String(message));
}
