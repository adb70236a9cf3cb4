import "server-only";
// One receipt with what it refers to: the actor snapshot as recorded, the
// payload, and the proposal as it was decided (the version whose digest is the
// receipt's digest), plus the proposal's other receipts for context.
import { db } from "@/lib/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { actorView, assertCanReadReceipts, type ReceiptActorView } from "@/lib/receipts/list-receipts";
import { CHAIN_RECEIPT_SELECT } from "@/lib/receipts/receipt-hash";
import { readableStoredJson } from "@/lib/receipts/readable-json";

export type PlanStepView = { title: string; tool: string; scope: string; args: unknown };

export type ReceiptDetail = {
  seq: number;
  id: string;
  kind: string;
  createdAt: string;
  actor: ReceiptActorView;
  /** The snapshot exactly as stored, for anything the view does not name. */
  actorSnapshot: unknown;
  payload: unknown;
  digest: string | null;
  reason: string | null;
  batchId: string | null;
  prevHash: string | null;
  hash: string | null;
  proposal: {
    id: string;
    title: string;
    intent: string;
    status: string;
    tier: string;
    risk: string;
    queue: { slug: string; name: string };
    agent: string;
    currentVersion: number;
  } | null;
  /** The version the receipt's digest names; null when none matches (worth a look). */
  version: { version: number; digest: string; createdAt: string; editedBy: string | null; plan: PlanStepView[] } | null;
  timeline: { seq: number; id: string; kind: string; actorName: string | null; createdAt: string }[];
};

const TIMELINE_LIMIT = 50;

function planSteps(plan: unknown): PlanStepView[] {
  if (!Array.isArray(plan)) return [];
  return plan.map((step) => {
    const s = (step ?? {}) as Record<string, unknown>;
    return { title: String(s.title ?? ""), tool: String(s.tool ?? ""), scope: String(s.scope ?? ""), args: readableStoredJson(s.args ?? null) };
  });
}

export async function getReceiptDetail(user: CurrentUser | null, id: string): Promise<ReceiptDetail | null> {
  assertCanReadReceipts(user);
  if (!id || id.length > 100) return null;
  const r = await db.receipt.findUnique({
    where: { id },
    select: {
      ...CHAIN_RECEIPT_SELECT,
      proposal: {
        select: {
          id: true,
          title: true,
          intent: true,
          status: true,
          tier: true,
          risk: true,
          version: true,
          queue: { select: { slug: true, name: true } },
          agent: { select: { name: true } },
        },
      },
    },
  });
  if (!r) return null;

  const [version, timeline] = r.proposal
    ? await Promise.all([
        r.digest
          ? db.proposalVersion.findFirst({
              where: { proposalId: r.proposal.id, digest: r.digest },
              orderBy: { version: "desc" },
              select: { version: true, digest: true, createdAt: true, plan: true, editedById: true },
            })
          : null,
        db.receipt.findMany({
          where: { proposalId: r.proposal.id },
          orderBy: { seq: "asc" },
          take: TIMELINE_LIMIT,
          select: { seq: true, id: true, kind: true, actor: true, createdAt: true },
        }),
      ])
    : [null, []];

  const editor = version?.editedById
    ? await db.user.findUnique({ where: { id: version.editedById }, select: { name: true, email: true } })
    : null;

  return {
    seq: r.seq,
    id: r.id,
    kind: r.kind,
    createdAt: r.createdAt.toISOString(),
    actor: actorView(r.actorType, r.actorId, r.actor),
    // Shown as unreadable, not rendered, when nested too deep to render (readable-json.ts).
    actorSnapshot: readableStoredJson(r.actor),
    payload: readableStoredJson(r.payload),
    digest: r.digest,
    reason: r.reason,
    batchId: r.batchId,
    prevHash: r.prevHash,
    hash: r.hash,
    proposal: r.proposal
      ? {
          id: r.proposal.id,
          title: r.proposal.title,
          intent: r.proposal.intent,
          status: r.proposal.status,
          tier: r.proposal.tier,
          risk: r.proposal.risk,
          queue: r.proposal.queue,
          agent: r.proposal.agent.name,
          currentVersion: r.proposal.version,
        }
      : null,
    version: version
      ? {
          version: version.version,
          digest: version.digest,
          createdAt: version.createdAt.toISOString(),
          editedBy: version.editedById ? (editor ? `${editor.name} <${editor.email}>` : version.editedById) : null,
          plan: planSteps(version.plan),
        }
      : null,
    timeline: timeline.map((t) => ({
      seq: t.seq,
      id: t.id,
      kind: t.kind,
      actorName: actorView("", null, t.actor).name,
      createdAt: t.createdAt.toISOString(),
    })),
  };
}
