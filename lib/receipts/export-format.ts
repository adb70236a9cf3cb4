// Receipts as CSV (RFC 4180) and JSON Lines. Pure, so the encoding is unit-tested.
// CSV cells are also defused against spreadsheet formula injection: an agent
// controls proposal titles, and a title like `=HYPERLINK(...)` must stay text.
import { readableStoredJson } from "@/lib/receipts/readable-json";

/** One receipt with everything an export carries. */
export type ExportReceipt = {
  seq: number;
  id: string;
  createdAt: Date;
  kind: string;
  actorType: string;
  actorId: string | null;
  /** The actor snapshot as recorded: {type, id, email, name, role, auth_method} for people. */
  actor: unknown;
  proposalId: string | null;
  proposal: { title: string; queue: { slug: string; name: string }; agent: string } | null;
  /** The agent concerned: the proposal's agent, or the agent an agent_* receipt is about. */
  agent: string | null;
  digest: string | null;
  reason: string | null;
  batchId: string | null;
  payload: unknown;
  prevHash: string | null;
  hash: string | null;
};

export const CSV_COLUMNS = [
  "seq",
  "id",
  "created_at",
  "kind",
  "actor_type",
  "actor_id",
  "actor_email",
  "actor_name",
  "actor_role",
  "auth_method",
  "proposal_id",
  "proposal_title",
  "queue",
  "agent",
  "digest",
  "reason",
  "batch_id",
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: formula triggers prefixed with a single quote, then RFC 4180 quoting. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks. */
export function csvLine(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export function csvHeader(): string {
  return csvLine([...CSV_COLUMNS]);
}

function field(snapshot: unknown, key: string): string | null {
  if (!snapshot || typeof snapshot !== "object") return null;
  const value = (snapshot as Record<string, unknown>)[key];
  return typeof value === "string" ? value : null;
}

export function receiptCsvLine(r: ExportReceipt): string {
  return csvLine([
    r.seq,
    r.id,
    r.createdAt.toISOString(),
    r.kind,
    r.actorType,
    r.actorId,
    field(r.actor, "email"),
    field(r.actor, "name"),
    field(r.actor, "role"),
    field(r.actor, "auth_method"),
    r.proposalId,
    r.proposal?.title,
    r.proposal?.queue.slug,
    r.agent,
    r.digest,
    r.reason,
    r.batchId,
  ]);
}

/** One JSON object per line, snake_case like the agent API. */
export function receiptJsonLine(r: ExportReceipt): string {
  return `${JSON.stringify({
    seq: r.seq,
    id: r.id,
    created_at: r.createdAt.toISOString(),
    kind: r.kind,
    actor_type: r.actorType,
    actor_id: r.actorId,
    // Nested too deep to serialize (planted in the database): written as unreadable (readable-json.ts);
    // offline verification then names this receipt, as the database's own does.
    actor: readableStoredJson(r.actor),
    proposal_id: r.proposalId,
    proposal: r.proposal ? { title: r.proposal.title, queue: r.proposal.queue.slug, queue_name: r.proposal.queue.name, agent: r.proposal.agent } : null,
    agent: r.agent,
    digest: r.digest,
    reason: r.reason,
    batch_id: r.batchId,
    payload: readableStoredJson(r.payload),
    prev_hash: r.prevHash,
    hash: r.hash,
  })}\n`;
}

/**
 * The JSONL file's first line. `complete` says whether the export holds every
 * receipt (no filters): only then can an offline check prove nothing was deleted.
 */
export function exportHeaderJsonLine(header: { complete: boolean; exportedAt: Date; filters: Record<string, string | undefined> }): string {
  const filters = Object.fromEntries(Object.entries(header.filters).filter(([, v]) => v !== undefined));
  return `${JSON.stringify({ type: "export", format: "countersign-receipts/1", complete: header.complete, exported_at: header.exportedAt.toISOString(), filters })}\n`;
}

/** A signed checkpoint, carried in the JSONL export (before the receipts) so the file verifies offline with the JWKS. */
export type ExportCheckpoint = { seq: number; hash: string; signedAt: string; kid: string; jws: string };

export function checkpointJsonLine(c: ExportCheckpoint): string {
  return `${JSON.stringify({ type: "checkpoint", seq: c.seq, hash: c.hash, signed_at: c.signedAt, kid: c.kid, jws: c.jws })}\n`;
}

export type ExportFormat = "csv" | "jsonl";

export function exportFileName(format: ExportFormat, now = new Date()): string {
  return `countersign-receipts-${now.toISOString().slice(0, 10)}.${format}`;
}
