import { secondApproversNeeded, type SecondApprover } from "@/lib/proposals/second-approver";
import "server-only";
// Everything the proposal page shows, for any signed-in user (every role may
// review). Returns plain, serializable data: ISO dates, parsed JSON, and no
// hashes or keys beyond the digests the page is meant to display.
import { db } from "@/lib/db/client";
import { readStoredProposal } from "@/lib/proposals/stored-proposal";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Change, PlanStep } from "@/lib/proposals/envelope";
import { effectiveStatus } from "@/lib/proposal-state/status";

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type EditSummaryItem =
  | { step: number; change: "args"; before: JsonObject; after: JsonObject }
  | { step: number; change: "dropped" };

export type ProposalDetail = {
  id: string;
  title: string;
  intent: string;
  summary: string | null;
  /** Effective status: a pending proposal past its expiry reads "expired". */
  status: string;
  tier: string;
  risk: string;
  scopes: string[];
  agent: { name: string; model: string | null; version: string | null; runId: string | null };
  actor: { type: string; id: string; email: string | null; name: string | null };
  queue: { id: string; slug: string; name: string };
  /** Quorum: distinct approvals recorded and needed, and the intake policies that set them. */
  approvals: { count: number; required: number };
  /** Pending after an edit of commit arguments: someone other than the editor must approve. */
  secondApprover: SecondApprover | null;
  policies: string[];
  createdAt: string;
  expiresAt: string | null;
  decidedAt: string | null;
  /** Version of the plan now in force; 1 = as proposed. */
  version: number;
  /** Digest of the version now in force. */
  currentDigest: string;
  plan: PlanStep[];
  proposedPlan: PlanStep[];
  versions: { version: number; digest: string; editedBy: string | null; editSummary: EditSummaryItem[] | null; createdAt: string }[];
  changes: Change[];
  artifacts: { type: string; id?: string; url?: string; label?: string }[];
  trace: Record<string, string> | null;
  inputs: JsonObject | null;
  envelope: JsonObject;
  /** Digest of the envelope as the agent sent it (version 1). */
  envelopeDigest: string;
  decisions: { by: { name: string; email: string }; outcome: string; reason: string | null; digest: string; at: string }[];
  receipts: ProposalReceipt[];
  /** The envelope's rollback plan; null: irreversible. */
  rollbackPlan: PlanStep[] | null;
  /** On a rollback proposal: the executed proposal it undoes. */
  rollbackOf: { id: string; title: string } | null;
  /** Once a person asked to roll this back: the rollback proposal. */
  rolledBackBy: { id: string; title: string; status: string } | null;
  /**
   * The stored values that could not be read (planted by SQL: not JSON, not a date, outside the known
   * set) and "version N" when the version in force has no row; their fields above show none. The page
   * says so, and a decision on such a row is refused.
   */
  unreadable: string[];
};

export type ProposalReceipt = {
  seq: number;
  id: string;
  kind: string;
  actorType: string;
  actor: { name?: string; email?: string; role?: string; id?: string };
  reason: string | null;
  digest: string | null;
  batchId: string | null;
  withEdits: boolean;
  createdAt: string;
};

const MAX_ID_LENGTH = 100;

export async function getProposalDetail(_user: CurrentUser, id: string, now = new Date()): Promise<ProposalDetail | null> {
  // Every signed-in role may view; the caller proves sign-in by passing the user.
  if (!id || id.length > MAX_ID_LENGTH) return null;
  // The row's own values one by one (stored-proposal.ts): a value planted by SQL is named, not a 500.
  const p = await readStoredProposal(id);
  if (!p) return null;
  const [agent, queue, versions, decisions, receipts] = await Promise.all([
    db.agent.findUnique({ where: { id: p.agentId }, select: { name: true } }),
    db.queue.findUnique({ where: { id: p.queueId }, select: { id: true, slug: true, name: true } }),
    db.proposalVersion.findMany({
      where: { proposalId: p.id },
      orderBy: { version: "asc" },
      select: { version: true, plan: true, digest: true, editSummary: true, createdAt: true, editedById: true },
    }),
    db.decision.findMany({
      where: { proposalId: p.id },
      orderBy: { createdAt: "asc" },
      select: { outcome: true, reason: true, digest: true, createdAt: true, user: { select: { name: true, email: true } } },
    }),
    db.receipt.findMany({
      where: { proposalId: p.id },
      orderBy: { seq: "asc" },
      select: { seq: true, id: true, kind: true, actorType: true, actor: true, reason: true, digest: true, batchId: true, payload: true, createdAt: true },
    }),
  ]);

  const [rollbackOf, rolledBackBy] = await Promise.all([
    p.rollbackOfId ? db.proposal.findUnique({ where: { id: p.rollbackOfId }, select: { id: true, title: true } }) : null,
    db.proposal.findUnique({ where: { rollbackOfId: p.id }, select: { id: true, title: true, status: true, expiresAt: true } }),
  ]);
  const editorIds = [...new Set(versions.map((v) => v.editedById).filter((v): v is string => !!v))];
  const editors = editorIds.length
    ? await db.user.findMany({ where: { id: { in: editorIds } }, select: { id: true, name: true } })
    : [];
  const editorName = new Map(editors.map((u) => [u.id, u.name]));
  const second = await secondApproversNeeded([{ id: p.id, status: effectiveStatus(p.status, p.expiresAt, now), commitEditedById: p.commitEditedById }]);
  const proposed = versions.find((v) => v.version === 1);
  const current = versions.find((v) => v.version === p.version);
  // Every writer stores the version in force with the row: without it the digest shown would be the
  // envelope's, not the plan's in force, so the page says so (and a decision refuses, load-for-decision.ts).
  const unreadable = current ? p.unreadable : [...p.unreadable, `version ${p.version}`];

  return {
    id: p.id,
    title: p.title,
    intent: p.intent,
    summary: p.summary,
    status: effectiveStatus(p.status, p.expiresAt, now),
    tier: p.tier,
    risk: p.risk,
    scopes: p.scopes,
    agent: { name: agent?.name ?? "", model: p.agentModel, version: p.agentVersion, runId: p.agentRunId },
    actor: { type: p.actorType, id: p.actorId, email: p.actorEmail, name: p.actorName },
    queue: queue ?? { id: p.queueId, slug: "", name: "" },
    approvals: { count: p.approvalCount, required: p.requiredApprovals },
    secondApprover: second.get(p.id) ?? null,
    policies: p.policies ?? [],
    createdAt: p.createdAt.toISOString(),
    expiresAt: p.expiresAt?.toISOString() ?? null,
    decidedAt: p.decidedAt?.toISOString() ?? null,
    version: p.version,
    currentDigest: current?.digest ?? p.digest,
    plan: p.plan,
    proposedPlan: (proposed?.plan ?? p.plan) as PlanStep[],
    unreadable,
    versions: versions.map((v) => ({
      version: v.version,
      digest: v.digest,
      editedBy: v.editedById ? (editorName.get(v.editedById) ?? "a deleted user") : null,
      editSummary: (v.editSummary as EditSummaryItem[] | null) ?? null,
      createdAt: v.createdAt.toISOString(),
    })),
    changes: p.changes ?? [],
    artifacts: p.artifacts ?? [],
    trace: p.trace,
    inputs: (p.inputs as JsonObject | null) ?? null,
    envelope: p.envelope as JsonObject,
    envelopeDigest: p.digest,
    rollbackPlan: p.rollbackPlan,
    rollbackOf: rollbackOf ?? null,
    rolledBackBy: rolledBackBy ? { id: rolledBackBy.id, title: rolledBackBy.title, status: effectiveStatus(rolledBackBy.status, rolledBackBy.expiresAt, now) } : null,
    decisions: decisions.map((d) => ({ by: d.user, outcome: d.outcome, reason: d.reason, digest: d.digest, at: d.createdAt.toISOString() })),
    receipts: receipts.map((r) => ({
      seq: r.seq,
      id: r.id,
      kind: r.kind,
      actorType: r.actorType,
      actor: pickActor(r.actor),
      reason: r.reason,
      digest: r.digest,
      batchId: r.batchId,
      withEdits: (r.payload as { with_edits?: unknown } | null)?.with_edits === true,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/** Only the display fields of the actor snapshot. */
function pickActor(raw: unknown): ProposalReceipt["actor"] {
  const a = (raw ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  return { id: str(a.id), name: str(a.name), email: str(a.email), role: str(a.role) };
}
