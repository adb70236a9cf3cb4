import "server-only";
// One proposal's own columns, read value by value (lib/db/stored-values.ts),
// for the readers of a single proposal: its page and the agent's GET. The
// query builder failed the whole read, a 500, when one value had been
// planted by SQL (text that is not JSON or not a date on SQLite; a date past
// what JavaScript holds on PostgreSQL). Here each value the readers expect
// but cannot read is named in `unreadable`, and its fallback says "none".
// The related rows (versions, decisions, receipts) stay with the query builder. A decision's batch
// checks its items by the same rules (unreadableColumns, unreadableColumnsOf).
import { databaseTarget } from "@/lib/db/client";
import { driverSql } from "@/lib/db/driver-sql";
import { packedRows } from "@/lib/db/packed-rows";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { sqlParam } from "@/lib/db/raw-values";
import { isObject, isObjectArray, isStringArray, StoredRow } from "@/lib/db/stored-values";
import { STATUSES } from "@/lib/proposal-state/status";
import { RISKS } from "@/lib/proposals/risk";
import type { Change, PlanStep } from "@/lib/proposals/envelope";
import { TIERS } from "@/lib/policy/scopes";

const COLUMNS = [
  "id", "agentId", "queueId", "title", "intent", "summary", "status", "tier", "risk", "scopes",
  "actorType", "actorId", "actorEmail", "actorName", "agentModel", "agentVersion", "agentRunId",
  "inputs", "plan", "changes", "artifacts", "trace", "envelope", "digest", "version",
  "expiresAt", "decidedAt", "createdAt", "approvalCount", "requiredApprovals", "commitEditedById",
  "policies", "rollbackPlan", "rollbackOfId",
] as const;

type JsonObject = Record<string, unknown>;
export type Artifact = { type: string; id?: string; url?: string; label?: string };

export type StoredProposal = {
  id: string;
  agentId: string;
  queueId: string;
  title: string;
  intent: string;
  summary: string | null;
  status: string;
  tier: string;
  risk: string;
  scopes: string[];
  actorType: string;
  actorId: string;
  actorEmail: string | null;
  actorName: string | null;
  agentModel: string | null;
  agentVersion: string | null;
  agentRunId: string | null;
  inputs: JsonObject | null;
  plan: PlanStep[];
  changes: Change[] | null;
  artifacts: Artifact[] | null;
  trace: Record<string, string> | null;
  envelope: JsonObject;
  digest: string;
  version: number;
  expiresAt: Date | null;
  decidedAt: Date | null;
  createdAt: Date;
  approvalCount: number;
  requiredApprovals: number;
  commitEditedById: string | null;
  policies: string[] | null;
  rollbackPlan: PlanStep[] | null;
  rollbackOfId: string | null;
  /** The columns whose stored value could not be read (their fields above hold the fallback). */
  unreadable: string[];
};

/** The row of `columns` of the proposal with this id (and this agent, when given). */
async function readRow(columns: readonly string[], id: string, agentId?: string): Promise<unknown[] | undefined> {
  const where = agentId === undefined ? `"id" = ${sqlParam(1)}` : `"id" = ${sqlParam(1)} AND "agentId" = ${sqlParam(2)}`;
  const quoted = columns.map((c) => `"${c}"`);
  const select = `SELECT ${quoted.join(", ")} FROM ${qualifiedTable("Proposal")} WHERE ${where}`;
  const [row] = await packedRows(quoted, select, ...(agentId === undefined ? [id] : [id, agentId]));
  return row;
}

/** The proposal with this id (and this agent, when given), or null when there is none. */
export async function readStoredProposal(id: string, agentId?: string): Promise<StoredProposal | null> {
  const row = await readRow(COLUMNS, id, agentId);
  if (!row) return null;
  const v = Object.fromEntries(COLUMNS.map((c, i) => [c, row[i]])) as Record<(typeof COLUMNS)[number], unknown>;
  const r = new StoredRow();
  const text = (value: unknown) => r.text(value);
  return {
    id: String(v.id),
    agentId: String(v.agentId),
    queueId: String(v.queueId),
    title: String(v.title ?? ""),
    intent: String(v.intent ?? ""),
    summary: text(v.summary),
    status: RULES.status(r, v.status),
    tier: RULES.tier(r, v.tier),
    risk: RULES.risk(r, v.risk),
    scopes: RULES.scopes(r, v.scopes),
    actorType: String(v.actorType ?? ""),
    actorId: String(v.actorId ?? ""),
    actorEmail: text(v.actorEmail),
    actorName: text(v.actorName),
    agentModel: text(v.agentModel),
    agentVersion: text(v.agentVersion),
    agentRunId: text(v.agentRunId),
    inputs: RULES.inputs(r, v.inputs),
    plan: RULES.plan(r, v.plan),
    changes: RULES.changes(r, v.changes),
    artifacts: RULES.artifacts(r, v.artifacts),
    trace: RULES.trace(r, v.trace),
    envelope: RULES.envelope(r, v.envelope),
    digest: String(v.digest ?? ""),
    version: RULES.version(r, v.version),
    expiresAt: RULES.expiresAt(r, v.expiresAt),
    decidedAt: RULES.decidedAt(r, v.decidedAt),
    createdAt: RULES.createdAt(r, v.createdAt),
    approvalCount: RULES.approvalCount(r, v.approvalCount),
    requiredApprovals: RULES.requiredApprovals(r, v.requiredApprovals),
    commitEditedById: text(v.commitEditedById),
    policies: RULES.policies(r, v.policies),
    rollbackPlan: RULES.rollbackPlan(r, v.rollbackPlan),
    rollbackOfId: text(v.rollbackOfId),
    unreadable: r.unreadable,
  };
}

/**
 * How each column that can hold an unreadable value is read, once for every reader of a single
 * proposal: its page and the agent's GET (readStoredProposal), and a decision (load-for-decision.ts,
 * which refuses a row with any of its columns unreadable).
 */
const RULES = {
  status: (r: StoredRow, raw: unknown) => r.oneOf("status", raw, STATUSES),
  tier: (r: StoredRow, raw: unknown) => r.oneOf("tier", raw, TIERS),
  risk: (r: StoredRow, raw: unknown) => r.oneOf("risk", raw, RISKS),
  scopes: (r: StoredRow, raw: unknown) => r.json("scopes", raw, isStringArray, []),
  inputs: (r: StoredRow, raw: unknown) => r.optionalJson("inputs", raw, isObject),
  plan: (r: StoredRow, raw: unknown) => r.json("plan", raw, isPlan, []),
  changes: (r: StoredRow, raw: unknown) => r.optionalJson("changes", raw, isChanges),
  artifacts: (r: StoredRow, raw: unknown) => r.optionalJson("artifacts", raw, isArtifacts),
  trace: (r: StoredRow, raw: unknown) => r.optionalJson("trace", raw, isTrace),
  envelope: (r: StoredRow, raw: unknown) => r.json("envelope", raw, isObject, {}),
  version: (r: StoredRow, raw: unknown) => r.int("version", raw, 1),
  expiresAt: (r: StoredRow, raw: unknown) => r.optionalDate("expiresAt", raw),
  decidedAt: (r: StoredRow, raw: unknown) => r.optionalDate("decidedAt", raw),
  createdAt: (r: StoredRow, raw: unknown) => r.date("createdAt", raw),
  approvalCount: (r: StoredRow, raw: unknown) => r.int("approvalCount", raw, 0),
  requiredApprovals: (r: StoredRow, raw: unknown) => r.int("requiredApprovals", raw, 1),
  policies: (r: StoredRow, raw: unknown) => r.optionalJson("policies", raw, isStringArray),
  rollbackPlan: (r: StoredRow, raw: unknown) => r.optionalJson("rollbackPlan", raw, isPlan),
};
export type RuledColumn = keyof typeof RULES;
/** Every column with a rule: the page offers no decision when one of them is unreadable, and a decision reads them all. */
export const RULED_COLUMNS = Object.keys(RULES) as RuledColumn[];

/** The columns among `values` (as a raw query hands them back) that cannot be read, by the same rules. */
export function unreadableColumns(values: Partial<Record<RuledColumn, unknown>>): string[] {
  const r = new StoredRow();
  for (const [column, raw] of Object.entries(values)) RULES[column as RuledColumn](r, raw);
  return r.unreadable;
}

/**
 * For many proposals at once (a decision's batch of up to 500), the `columns` of each that cannot be
 * read, by the same rules; only ids with at least one are in the map. Not through the query builder's
 * raw results, where each large value (a text change, the raw envelope) is copied at a cost: on SQLite
 * as packed rows (arrays on the reader connection, as the page reads them); on PostgreSQL on the
 * driver's pool, one prepared statement over an id array, each jsonb value parsed by the driver
 * (packing them into one JSON text made the server convert every value: 500 ids took ~70 ms more).
 * Never inside a transaction (packed-rows.ts).
 */
export async function unreadableColumnsOf(ids: string[], columns: readonly RuledColumn[]): Promise<Map<string, string[]>> {
  const damaged = new Map<string, string[]>();
  if (columns.length === 0) return damaged;
  for (let start = 0; start < ids.length; start += CHUNK) {
    for (const row of await columnRows(ids.slice(start, start + CHUNK), columns)) {
      const unreadable = unreadableColumns(Object.fromEntries(columns.map((c, i) => [c, row[i + 1]])));
      if (unreadable.length > 0) damaged.set(String(row[0]), unreadable);
    }
  }
  return damaged;
}
// Rows per read: a bound on what one read holds in memory (an envelope of 1 MiB and the changes and
// inputs taken from it are up to ~2.5 MB a row).
const CHUNK = 100;

/** Each row of these ids as [id, ...columns]. */
async function columnRows(ids: string[], columns: readonly RuledColumn[]): Promise<unknown[][]> {
  const quoted = ["id", ...columns].map((c) => `"${c}"`);
  const head = `SELECT ${quoted.join(", ")} FROM ${qualifiedTable("Proposal")} WHERE "id"`;
  if (databaseTarget.provider === "sqlite") return packedRows(quoted, `${head} IN (${ids.map((_, i) => sqlParam(i + 1)).join(", ")})`, ...ids);
  const rows = await (await driverSql()).query<Record<string, unknown>>(`${head} = ANY($1::text[])`, [ids]);
  return rows.map((r) => ["id", ...columns].map((c) => r[c]));
}

/** A plan as the page and the agent read it: steps with a tool and a scope (what every writer stores). */
function isPlan(v: unknown): v is PlanStep[] {
  return isObjectArray(v) && v.every((s) => typeof s.title === "string" && typeof s.tool === "string" && typeof s.scope === "string");
}

/** Changes as the page renders them: a target, and either fields with paths or a text's before and after (a superset of the envelope's schema). */
function isChanges(v: unknown): v is Change[] {
  return isObjectArray(v) && v.every((c) => {
    const targetOk = isObject(c.target) && typeof c.target.type === "string" && typeof c.target.id === "string";
    const fieldsOk = isObjectArray(c.fields) && c.fields.every((f) => typeof f.path === "string");
    const textOk = c.format === "text" && typeof c.before === "string" && typeof c.after === "string";
    return targetOk && (fieldsOk || textOk);
  });
}

const optionalText = (v: unknown) => v === undefined || typeof v === "string";

function isArtifacts(v: unknown): v is Artifact[] {
  return isObjectArray(v) && v.every((a) => typeof a.type === "string" && optionalText(a.id) && optionalText(a.url) && optionalText(a.label));
}

function isTrace(v: unknown): v is Record<string, string> {
  return isObject(v) && Object.values(v).every((t) => typeof t === "string");
}
