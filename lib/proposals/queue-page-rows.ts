import "server-only";
// The rows of one queue page (at most 51 ids), with their queue, agent and
// execution, as one plain SQL read. Through the query builder this was four
// reads (the proposals, then each relation), each planned by Prisma's query
// compiler (WebAssembly) on every page: more CPU than the reads themselves.
// Read as packed rows (packed-rows.ts): on SQLite a prepared statement on the
// reader connection, on PostgreSQL one JSON value. The same values as the
// query builder's (queue-page-rows.db.test.ts compares them).
import { packedDate, packedRequiredDate, packedRows } from "@/lib/db/packed-rows";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { readBoolean, readJson, sqlParam } from "@/lib/db/raw-values";

export type QueuePageRow = {
  id: string;
  title: string;
  intent: string;
  status: string;
  tier: string;
  risk: string;
  createdAt: Date;
  expiresAt: Date | null;
  actorId: string;
  actorName: string | null;
  actorEmail: string | null;
  agentModel: string | null;
  approvalCount: number;
  requiredApprovals: number;
  commitEditedById: string | null;
  version: number;
  decidedAt: Date | null;
  policies: unknown;
  /** The agent sent a rollback plan (the plan itself is not needed on the list). */
  hasRollbackPlan: boolean;
  execution: { digestMatches: boolean; outcome: string } | null;
  queue: { slug: string; name: string };
  agent: { name: string };
};

const COLUMNS = [
  `"id"`, `"title"`, `"intent"`, `"status"`, `"tier"`, `"risk"`, `"createdAt"`, `"expiresAt"`, `"actorId"`, `"actorName"`, `"actorEmail"`,
  `"agentModel"`, `"approvalCount"`, `"requiredApprovals"`, `"commitEditedById"`, `"version"`, `"decidedAt"`, `"policies"`, `"hasRollback"`,
  `"executionId"`, `"digestMatches"`, `"outcome"`, `"queueSlug"`, `"queueName"`, `"agentName"`,
];

/** The policies that decided at intake; text that is not JSON (a row written by hand) reads as none rather than failing the whole page. */
function readPolicies(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  try {
    return readJson(value);
  } catch {
    return null;
  }
}

/** The rows of these ids, in the ids' order (ids without a row left out). */
export async function queuePageRows(ids: string[]): Promise<QueuePageRow[]> {
  if (ids.length === 0) return [];
  const list = ids.map((_, i) => sqlParam(i + 1)).join(", ");
  const select = `SELECT p."id", p."title", p."intent", p."status", p."tier", p."risk", p."createdAt", p."expiresAt", p."actorId", p."actorName",
      p."actorEmail", p."agentModel", p."approvalCount", p."requiredApprovals", p."commitEditedById", p."version", p."decidedAt", p."policies",
      CASE WHEN p."rollbackPlan" IS NULL OR p."rollbackPlan" = 'null' THEN 0 ELSE 1 END AS "hasRollback",
      e."id" AS "executionId", e."digestMatches", e."outcome", q."slug" AS "queueSlug", q."name" AS "queueName", a."name" AS "agentName"
    FROM ${qualifiedTable("Proposal")} p
    JOIN ${qualifiedTable("Queue")} q ON q."id" = p."queueId"
    JOIN ${qualifiedTable("Agent")} a ON a."id" = p."agentId"
    LEFT JOIN ${qualifiedTable("Execution")} e ON e."proposalId" = p."id"
    WHERE p."id" IN (${list})`;
  const byId = new Map<string, QueuePageRow>();
  for (const r of await packedRows(COLUMNS, select, ...ids)) {
    const [id, title, intent, status, tier, risk, createdAt, expiresAt, actorId, actorName, actorEmail, agentModel, approvalCount, requiredApprovals,
      commitEditedById, version, decidedAt, policies, hasRollback, executionId, digestMatches, outcome, queueSlug, queueName, agentName] = r as [
      string, string, string, string, string, string, string, string | null, string, string | null, string | null, string | null, number, number,
      string | null, number, string | null, unknown, number, string | null, unknown, string | null, string, string, string,
    ];
    byId.set(id, {
      id, title, intent, status, tier, risk,
      createdAt: packedRequiredDate(createdAt),
      expiresAt: packedDate(expiresAt),
      actorId, actorName, actorEmail, agentModel,
      approvalCount: Number(approvalCount),
      requiredApprovals: Number(requiredApprovals),
      commitEditedById,
      version: Number(version),
      decidedAt: packedDate(decidedAt),
      policies: readPolicies(policies),
      hasRollbackPlan: Number(hasRollback) === 1,
      execution: executionId === null || executionId === undefined ? null : { digestMatches: readBoolean(digestMatches), outcome: outcome ?? "" },
      queue: { slug: queueSlug, name: queueName },
      agent: { name: agentName },
    });
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}
