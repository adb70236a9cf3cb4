import "server-only";
// Reading the audit trail: one page of receipts by seq cursor for the browser,
// the options for its filters, and an export that walks every matching receipt
// in chunks of CHUNK_SIZE by seq, so neither ever holds the whole table.
// Every signed-in person may read receipts (any role); callers pass the user.
import { db, databaseTarget } from "@/lib/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { isRole } from "@/lib/roles/roles";
import { dayRange } from "@/lib/base/time-range";
import { kindSelection, type ReceiptFilters } from "@/lib/receipts/receipt-filters";
import type { ExportReceipt } from "@/lib/receipts/export-format";
import type { Prisma } from "@/generated/sqlite/client";

export const PAGE_SIZE = 50;
export const CHUNK_SIZE = 1000;
const AGENT_KINDS = ["agent_created", "agent_revoked", "agent_stopped", "key_created", "key_revoked"];

export class ReceiptsForbiddenError extends Error {}

/** Receipts are readable by every active, signed-in person; nobody else. */
export function assertCanReadReceipts(user: CurrentUser | null): asserts user is CurrentUser {
  if (!user || !isRole(user.role)) throw new ReceiptsForbiddenError("Sign in to read receipts.");
}

export type ReceiptActorView = {
  type: string;
  id: string | null;
  name: string | null;
  email: string | null;
  role: string | null;
  authMethod: string | null;
};

export type ReceiptRow = {
  seq: number;
  id: string;
  kind: string;
  actor: ReceiptActorView;
  proposal: { id: string; title: string; queue: { slug: string; name: string }; agent: string } | null;
  /** The proposal's agent, or the agent an agent_* receipt is about. */
  agent: string | null;
  digest: string | null;
  reason: string | null;
  batchId: string | null;
  createdAt: string;
};

export type ReceiptPage = { rows: ReceiptRow[]; nextCursor: number | null };

function str(source: unknown, key: string): string | null {
  if (!source || typeof source !== "object") return null;
  const value = (source as Record<string, unknown>)[key];
  return typeof value === "string" ? value : null;
}

export function actorView(actorType: string, actorId: string | null, snapshot: unknown): ReceiptActorView {
  return {
    type: str(snapshot, "type") ?? actorType,
    id: str(snapshot, "id") ?? actorId,
    name: str(snapshot, "name"),
    email: str(snapshot, "email"),
    role: str(snapshot, "role"),
    authMethod: str(snapshot, "auth_method"),
  };
}

/** A JSON field's path in the provider's syntax: an array on PostgreSQL, a JSON path on SQLite. */
function jsonPath(key: string): { path: string } {
  return (databaseTarget.provider === "postgresql" ? { path: [key] } : { path: `$.${key}` }) as unknown as { path: string };
}

const MATCH_NOTHING: Prisma.ReceiptWhereInput = { id: { in: [] } };

/** The where clause for a set of filters. Unknown agents or deciders match nothing, never everything. */
export async function receiptWhere(filters: ReceiptFilters): Promise<Prisma.ReceiptWhereInput> {
  const and: Prisma.ReceiptWhereInput[] = [];
  const kinds = kindSelection(filters.kind);
  if (kinds) and.push({ kind: kinds });
  if (filters.queue) and.push({ proposal: { queue: { slug: filters.queue } } });
  if (filters.batch) and.push({ batchId: filters.batch });
  const range = dayRange(filters);
  if (range) and.push({ createdAt: range });

  if (filters.agent) {
    const agent = await db.agent.findUnique({ where: { name: filters.agent }, select: { id: true } });
    and.push(
      agent
        ? { OR: [{ proposal: { agentId: agent.id } }, { kind: { in: AGENT_KINDS }, payload: { ...jsonPath("agent_id"), equals: agent.id } }] }
        : MATCH_NOTHING,
    );
  }

  if (filters.decider) {
    const decider = filters.decider;
    if (decider.includes("@")) {
      // The snapshot keeps the email as it was then; the user's id still matches after an email change.
      const email = decider.toLowerCase();
      const user = await db.user.findUnique({ where: { email }, select: { id: true } });
      and.push({
        actorType: "user",
        OR: [{ actor: { ...jsonPath("email"), equals: email } }, ...(user ? [{ actorId: user.id }] : [])],
      });
    } else {
      and.push({ actorType: "user", actorId: decider });
    }
  }
  return and.length ? { AND: and } : {};
}

const rowSelect = {
  seq: true,
  id: true,
  kind: true,
  actorType: true,
  actorId: true,
  actor: true,
  digest: true,
  reason: true,
  batchId: true,
  createdAt: true,
  payload: true,
  proposal: { select: { id: true, title: true, queue: { select: { slug: true, name: true } }, agent: { select: { name: true } } } },
} satisfies Prisma.ReceiptSelect;

type SelectedRow = Prisma.ReceiptGetPayload<{ select: typeof rowSelect }>;

function agentOf(r: Pick<SelectedRow, "kind" | "payload" | "proposal">): string | null {
  if (r.proposal) return r.proposal.agent.name;
  return AGENT_KINDS.includes(r.kind) ? str(r.payload, "agent") : null;
}

function toRow(r: SelectedRow): ReceiptRow {
  return {
    seq: r.seq,
    id: r.id,
    kind: r.kind,
    actor: actorView(r.actorType, r.actorId, r.actor),
    proposal: r.proposal
      ? { id: r.proposal.id, title: r.proposal.title, queue: r.proposal.queue, agent: r.proposal.agent.name }
      : null,
    agent: agentOf(r),
    digest: r.digest,
    reason: r.reason,
    batchId: r.batchId,
    createdAt: r.createdAt.toISOString(),
  };
}

/** One page, newest first. `cursor` is the seq of the last receipt of the previous page. */
export async function listReceipts(user: CurrentUser | null, filters: ReceiptFilters, cursor: number | null = null): Promise<ReceiptPage> {
  assertCanReadReceipts(user);
  const where = await receiptWhere(filters);
  const rows = await db.receipt.findMany({
    where: cursor ? { AND: [where, { seq: { lt: cursor } }] } : where,
    orderBy: { seq: "desc" },
    take: PAGE_SIZE + 1,
    select: rowSelect,
  });
  const page = rows.slice(0, PAGE_SIZE);
  return { rows: page.map(toRow), nextCursor: rows.length > PAGE_SIZE ? page.at(-1)!.seq : null };
}

export async function countReceipts(user: CurrentUser | null, filters: ReceiptFilters): Promise<number> {
  assertCanReadReceipts(user);
  return db.receipt.count({ where: await receiptWhere(filters) });
}

export type FilterOptions = {
  deciders: { id: string; name: string; email: string }[];
  agents: string[];
  queues: { slug: string; name: string }[];
};

/** People who appear on receipts as deciders, every agent and every queue: small lists for the filter bar. */
export async function listDecidersAndAgents(user: CurrentUser | null): Promise<FilterOptions> {
  assertCanReadReceipts(user);
  const [actorIds, agents, queues] = await Promise.all([
    db.receipt.groupBy({ by: ["actorId"], where: { actorType: "user", actorId: { not: null } } }),
    db.agent.findMany({ orderBy: { name: "asc" }, select: { name: true } }),
    db.queue.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
  ]);
  const ids = actorIds.map((a) => a.actorId).filter((id): id is string => !!id);
  const deciders = ids.length
    ? await db.user.findMany({ where: { id: { in: ids } }, orderBy: [{ name: "asc" }, { email: "asc" }], select: { id: true, name: true, email: true } })
    : [];
  return { deciders, agents: agents.map((a) => a.name), queues };
}

/**
 * Every receipt matching the filters, oldest first (chain order), in chunks of
 * `chunkSize` by seq. The export is a snapshot: receipts appended after it
 * starts are left out, so a long download has a well-defined end.
 */
export async function* iterateReceiptsForExport(
  user: CurrentUser | null,
  filters: ReceiptFilters,
  chunkSize = CHUNK_SIZE,
): AsyncGenerator<ExportReceipt[], void, undefined> {
  assertCanReadReceipts(user);
  const where = await receiptWhere(filters);
  const last = await db.receipt.aggregate({ _max: { seq: true } });
  const maxSeq = last._max.seq;
  if (maxSeq === null) return;
  let after = 0;
  for (;;) {
    const rows = await db.receipt.findMany({
      where: { AND: [where, { seq: { gt: after, lte: maxSeq } }] },
      orderBy: { seq: "asc" },
      take: chunkSize,
      select: { ...rowSelect, proposalId: true, prevHash: true, hash: true },
    });
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      seq: r.seq,
      id: r.id,
      createdAt: r.createdAt,
      kind: r.kind,
      actorType: r.actorType,
      actorId: r.actorId,
      actor: r.actor,
      proposalId: r.proposalId,
      proposal: r.proposal ? { title: r.proposal.title, queue: r.proposal.queue, agent: r.proposal.agent.name } : null,
      agent: agentOf(r),
      digest: r.digest,
      reason: r.reason,
      batchId: r.batchId,
      payload: r.payload,
      prevHash: r.prevHash,
      hash: r.hash,
    }));
    if (rows.length < chunkSize) return;
    after = rows.at(-1)!.seq;
  }
}
