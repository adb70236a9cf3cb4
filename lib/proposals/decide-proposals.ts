import "server-only";
// Decisions for any number of proposals in one call. For each item the server
// checks, under the Cedar policies, the user's right to decide it (their role
// on its queue, separation of duties), that it is still pending and
// unexpired; then, in one transaction, it locks the items, records one vote
// per person (a person counts once, whatever sessions or batches they use),
// and finalizes the items whose quorum is met (any rejection rejects).
// Loading and the rights check are lib/proposals/load-for-decision.ts, shared
// with approve-with-edits.ts. Races are settled by the database: an item
// another person decided first is reported back, never decided twice.
//
// An item whose commit-step arguments an approver edited (commitEditedById,
// see approve-with-edits.ts) needs an approval from someone other than the
// editor: the editor's own vote is refused as already_voted, and the item is
// final only at max(quorum, 2) approvals, checked here under the item lock.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { asSql, isPrismaTx, type SqlTarget } from "@/lib/db/sql";
import { driverTransaction } from "@/lib/db/driver-sql";
import { ChainHeadMissing } from "@/lib/receipts/chain";
import type { CurrentUser } from "@/lib/auth/current-user";
import { loadForDecision, type NotDecidable } from "@/lib/proposals/load-for-decision";
import { describeDecisions } from "@/lib/proposals/describe-decisions";
import { appendReceipts, type NewReceipt } from "@/lib/receipts/append-receipt";
import { userActor } from "@/lib/users/user-actor";
import { enqueueProposalEvents, noProposalEventsDue } from "@/lib/webhooks/enqueue";
import { withTransactionRetry } from "@/lib/db/transaction-retry";
import { recordInsights } from "@/lib/insights/record-insights";
import type { InsightEvent } from "@/lib/insights/insight-events";
import { AppError } from "@/lib/base/app-error";
import { applyVotes, currentVersionDigests, insertDecisions, lockPending, votedBy, type LockedProposal } from "@/lib/proposals/decision-rows";

export const MAX_BATCH = 500;

export const decideInput = z
  .object({
    ids: z.array(z.string().min(1).max(100)).min(1, "select at least one proposal"),
    outcome: z.enum(["approved", "rejected"]),
    reason: z.string().trim().max(2000, "keep the reason under 2000 characters").optional(),
    /** The plan version the person reviewed, per id: a vote never lands on a version they did not see. */
    versions: z.record(z.string(), z.number().int().min(1)).optional(),
  })
  .transform((v) => ({ ...v, ids: [...new Set(v.ids)], reason: v.reason || undefined }))
  .refine((v) => v.ids.length <= MAX_BATCH, { message: `decide at most ${MAX_BATCH} proposals at once`, path: ["ids"] })
  .refine((v) => v.outcome !== "rejected" || !!v.reason, { message: "a rejection needs a reason", path: ["reason"] });
export type DecideInput = z.input<typeof decideInput>;

export type SkipReason = NotDecidable | "already_voted" | "changed";
export type DecideResult = {
  batchId: string;
  outcome: "approved" | "rejected";
  /** Items this call moved out of pending. */
  decided: { id: string; title: string }[];
  /** Approvals counted toward a quorum that is not met yet: the item stays pending. */
  recorded: { id: string; title: string; approvals: number; required: number }[];
  skipped: { id: string; title: string | null; reason: SkipReason; message: string }[];
};

type Candidate = { id: string; title: string; policies: string[] };
/** A skipped item. */
type Skip = DecideResult["skipped"][number];

/**
 * Where a batch came from when it is a whole view ("select all N matching",
 * lib/proposals/view-snapshot.ts): recorded in each receipt as `from_view`.
 */
export type FromView = { filters: Record<string, string>; snapshot_size: number; snapshot_at: string };
/** A parsed decision; a view's batch may be larger than MAX_BATCH (its own cap is SNAPSHOT_CAP). */
export type DecideParsed = { ids: string[]; outcome: "approved" | "rejected"; reason?: string; versions?: Record<string, number> };

export async function decideProposals(user: CurrentUser, rawInput: DecideInput, now = new Date()): Promise<DecideResult> {
  return decideParsed(user, decideInput.parse(rawInput), now);
}

/** The decision path itself, for an input already checked (decideInput, or a verified view snapshot). */
export async function decideParsed(user: CurrentUser, input: DecideParsed, now: Date, fromView?: FromView): Promise<DecideResult> {
  if (input.outcome === "rejected" && !input.reason) throw new AppError("invalid", "invalid_input", "a rejection needs a reason");
  const checks = await loadForDecision(user, {
    ids: input.ids,
    action: input.outcome === "approved" ? "approve" : "reject",
    logAction: `decide:${input.outcome}`,
    now,
  });
  const batchId = randomUUID();
  const skipped: Skip[] = [];
  const eligible: Candidate[] = [];
  for (const c of checks) {
    if (c.ok) eligible.push({ id: c.id, title: c.proposal.title, policies: c.policies });
    else skipped.push({ id: c.id, title: c.proposal?.title ?? null, reason: c.reason, message: c.message });
  }

  const written = eligible.length === 0 ? emptyWrite() : await writeBatch(user, input, eligible, batchId, now, fromView);

  for (const c of eligible) {
    if (written.voted.has(c.id)) skipped.push({ id: c.id, title: c.title, reason: "already_voted", message: "You already approved this; another approver must add theirs." });
    else if (written.changed.has(c.id)) {
      const now = written.changed.get(c.id)!;
      skipped.push({ id: c.id, title: c.title, reason: "changed", message: `Edited since you reviewed it: version ${now} is now in force. Review it again before deciding.` });
    }
    else if (!written.decided.has(c.id) && !written.recorded.has(c.id)) {
      skipped.push({ id: c.id, title: c.title, reason: "already_decided", message: "Decided by someone else a moment ago." });
    }
  }
  await describeOtherDeciders(skipped);
  return {
    batchId,
    outcome: input.outcome,
    decided: eligible.filter((c) => written.decided.has(c.id)).map((c) => ({ id: c.id, title: c.title })),
    recorded: eligible.filter((c) => written.recorded.has(c.id)).map((c) => ({ id: c.id, title: c.title, ...written.recorded.get(c.id)! })),
    skipped,
  };
}

/**
 * Thrown inside the driver's transaction when some item decided final has an
 * agent with a callback URL: its event body is read through the query
 * builder (lib/webhooks/enqueue.ts), so the batch is written again in a
 * Prisma transaction. Nothing of the first attempt is on disk.
 */
class EventsDue extends Error {
  constructor() {
    super("webhook events are due; the batch is written in a Prisma transaction");
  }
}

/**
 * The votes, their effects and receipts in one transaction. On the database
 * driver first (lib/db/driver-sql.ts): every statement is plain SQL, prepared
 * once, and Prisma's own cost per call (a request through its engine, a
 * transaction of its own) was a good part of a batch's time. In a Prisma
 * transaction when webhook events are due or the receipt chain has no head
 * yet (both need the query builder). Deadlocks and serialization failures
 * are retried either way (withTransactionRetry).
 */
async function writeBatch(user: CurrentUser, input: DecideParsed, eligible: Candidate[], batchId: string, now: Date, fromView?: FromView): Promise<Written> {
  try {
    return await withTransactionRetry(() => driverTransaction((sql) => writeVotes(sql, user, input, eligible, batchId, now, fromView)));
  } catch (error) {
    if (!(error instanceof EventsDue) && !(error instanceof ChainHeadMissing)) throw error;
  }
  return withTransactionRetry(() =>
    // A burst of decisions queues for the pool's connections and the items' row locks: wait, don't fail.
    // A view's batch (up to SNAPSHOT_CAP items) gets more time than the 500-item batches.
    db.$transaction((tx) => writeVotes(tx, user, input, eligible, batchId, now, fromView), { maxWait: 15_000, timeout: 30_000 + eligible.length * 20 }),
  );
}

type Written = {
  decided: Set<string>;
  recorded: Map<string, { approvals: number; required: number }>;
  voted: Set<string>;
  /** Items edited since the person reviewed them: id -> version now in force. */
  changed: Map<string, number>;
};

function emptyWrite(): Written {
  return { decided: new Set(), recorded: new Map(), voted: new Set(), changed: new Map() };
}

async function writeVotes(target: SqlTarget, user: CurrentUser, input: DecideParsed, eligible: Candidate[], batchId: string, now: Date, fromView?: FromView): Promise<Written> {
  const sql = asSql(target);
  // Lock first: this write takes SQLite's write lock, and PostgreSQL's row
  // locks on every item still pending, so no one else can vote on or decide
  // them until this transaction ends. Items someone finalized meanwhile no
  // longer match and are reported as decided by someone else.
  const locked = await lockPending(sql, eligible.map((c) => c.id), now);
  const written = emptyWrite();
  if (locked.length === 0) return written;

  // One person counts once: an earlier vote from any session or batch stands.
  for (const id of await votedBy(sql, user.id, locked.map((p) => p.id))) written.voted.add(id);
  // The editor of commit arguments has had their say with the edit, whatever the decision rows say.
  for (const p of locked) if (p.commitEditedById === user.id) written.voted.add(p.id);
  for (const p of locked) {
    const reviewed = input.versions?.[p.id];
    if (reviewed !== undefined && reviewed !== p.version && !written.voted.has(p.id)) written.changed.set(p.id, p.version);
  }
  const voting = locked.filter((p) => !written.voted.has(p.id) && !written.changed.has(p.id));
  if (voting.length === 0) return written;

  // The digest of the version in force is the one decided on (an edited plan has its own).
  const versionDigest = await currentVersionDigests(sql, voting);
  const digestOf = (p: LockedProposal) => versionDigest.get(p.id) ?? p.digest;
  const policiesOf = new Map(eligible.map((c) => [c.id, c.policies]));

  const finals = input.outcome === "rejected" ? voting : voting.filter((p) => p.approvalCount + 1 >= requiredOf(p));
  const partial = input.outcome === "rejected" ? [] : voting.filter((p) => p.approvalCount + 1 < requiredOf(p));

  // On the driver, the webhook look-up comes first: when events are due the batch moves to a Prisma transaction before writing anything.
  const finalIds = finals.map((p) => p.id);
  if (!isPrismaTx(target) && !(await noProposalEventsDue(sql, finalIds))) throw new EventsDue();

  await insertDecisions(
    sql,
    voting.map((p) => ({
      proposalId: p.id,
      userId: user.id,
      outcome: input.outcome,
      reason: input.reason ?? null,
      digest: digestOf(p),
      batchId,
      policies: policiesOf.get(p.id) ?? [],
      createdAt: now,
    })),
  );
  await applyVotes(sql, input.outcome, finals.map((p) => p.id), partial.map((p) => p.id), now, batchId);

  const actor = userActor(user);
  const receipts: NewReceipt[] = voting.map((p) => {
    const isFinal = input.outcome === "rejected" || p.approvalCount + 1 >= requiredOf(p);
    const approvals = input.outcome === "approved" ? p.approvalCount + 1 : p.approvalCount;
    return {
      kind: isFinal ? input.outcome : "approval",
      actor,
      proposalId: p.id,
      digest: digestOf(p),
      reason: input.reason,
      batchId,
      at: now,
      payload: {
        proposal_id: p.id,
        outcome: input.outcome,
        digest: digestOf(p),
        version: p.version,
        approvals,
        required_approvals: requiredOf(p),
        ...(p.commitEditedById ? { second_approver_for_edit_by: p.commitEditedById } : {}),
        final: isFinal,
        policies: policiesOf.get(p.id) ?? [],
        batch_id: batchId,
        batch_size: voting.length,
        ...(fromView ? { from_view: fromView } : {}),
      },
    };
  });
  await appendReceipts(target, receipts);
  if (isPrismaTx(target)) await enqueueProposalEvents(target, finalIds);
  await recordInsights(sql, [
    ...voting.map((p): InsightEvent => ({ type: "vote", at: now, userId: user.id, proposalCreatedAt: p.createdAt, outcome: input.outcome })),
    // A plan at version 2 or later was edited by an approver before this final approval.
    ...finals.map((p): InsightEvent => ({ type: "decided", at: now, queueId: p.queueId, agentId: p.agentId, createdAt: p.createdAt, outcome: input.outcome, edited: p.version > 1 })),
  ]);

  for (const p of finals) written.decided.add(p.id);
  for (const p of partial) written.recorded.set(p.id, { approvals: p.approvalCount + 1, required: requiredOf(p) });
  return written;
}

/** The approvals an item needs: its quorum, and at least two once its commit arguments were edited. */
function requiredOf(p: { requiredApprovals: number; commitEditedById: string | null }): number {
  return p.commitEditedById ? Math.max(p.requiredApprovals, 2) : p.requiredApprovals;
}

/** Fills in "Already approved by Dana Ops." for items someone else decided. */
async function describeOtherDeciders(skipped: Skip[]): Promise<void> {
  const described = await describeDecisions(skipped.filter((s) => s.reason === "already_decided").map((s) => s.id));
  for (const s of skipped) {
    const text = described.get(s.id);
    if (s.reason === "already_decided" && text) s.message = `Already ${text}.`;
  }
}
