import "server-only";
// Decisions for any number of proposals in one call. For each item the server
// checks the user's right to decide, that it is still pending and unexpired,
// then decides with one guarded write and records decisions and receipts in
// the same transaction. Races are settled by the database: an item another
// person decided first is reported back, never decided twice.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { canDecide } from "@/lib/users/roles";
import { separationOfDutiesConflict } from "@/lib/policy/separation-of-duties";
import { describeDecisions } from "@/lib/proposals/describe-decisions";
import { ActionFailure } from "@/lib/actions/action-failure";
import { receiptData, type ReceiptActor } from "@/lib/receipts/append-receipt";

export const MAX_BATCH = 500;

export const decideInput = z
  .object({
    ids: z.array(z.string().min(1).max(100)).min(1, "select at least one proposal"),
    outcome: z.enum(["approved", "rejected"]),
    reason: z.string().trim().max(2000, "keep the reason under 2000 characters").optional(),
  })
  .transform((v) => ({ ...v, ids: [...new Set(v.ids)], reason: v.reason || undefined }))
  .refine((v) => v.ids.length <= MAX_BATCH, { message: `decide at most ${MAX_BATCH} proposals at once`, path: ["ids"] })
  .refine((v) => v.outcome !== "rejected" || !!v.reason, { message: "a rejection needs a reason", path: ["reason"] });
export type DecideInput = z.input<typeof decideInput>;

export type SkipReason = "not_found" | "already_decided" | "expired" | "not_allowed" | "separation_of_duties";
export type DecideResult = {
  batchId: string;
  outcome: "approved" | "rejected";
  decided: { id: string; title: string }[];
  skipped: { id: string; title: string | null; reason: SkipReason; message: string }[];
};

export class DecisionForbiddenError extends ActionFailure {
  constructor(message: string) {
    super("forbidden", message);
  }
}

export function userActor(user: CurrentUser): ReceiptActor {
  return { type: "user", id: user.id, email: user.email, name: user.name, role: user.role, auth_method: user.authMethod };
}

export async function decideProposals(user: CurrentUser, rawInput: DecideInput, now = new Date()): Promise<DecideResult> {
  const input = decideInput.parse(rawInput);
  if (!canDecide(user)) {
    throw new DecisionForbiddenError("Your role is viewer: you can review proposals but not decide them.");
  }
  const batchId = randomUUID();
  const found = await db.proposal.findMany({
    where: { id: { in: input.ids } },
    select: {
      id: true,
      title: true,
      status: true,
      expiresAt: true,
      actorEmail: true,
      agent: { select: { sponsorId: true } },
      queue: { select: { separationOfDuties: true } },
    },
  });
  const byId = new Map(found.map((p) => [p.id, p]));
  const skipped: DecideResult["skipped"] = [];
  const eligible: string[] = [];
  for (const id of input.ids) {
    const p = byId.get(id);
    if (!p) skipped.push({ id, title: null, reason: "not_found", message: "No such proposal." });
    else if (p.status !== "pending") skipped.push({ id, title: p.title, reason: "already_decided", message: `Already ${p.status}.` });
    else if (p.expiresAt && p.expiresAt <= now) skipped.push({ id, title: p.title, reason: "expired", message: "Expired before it was decided." });
    else {
      const conflict =
        input.outcome === "approved"
          ? separationOfDutiesConflict(user, { sponsorId: p.agent.sponsorId, actorEmail: p.actorEmail, separationOfDuties: p.queue.separationOfDuties })
          : null;
      if (conflict) skipped.push({ id, title: p.title, reason: "separation_of_duties", message: conflict });
      else eligible.push(id);
    }
  }

  const won = eligible.length === 0 ? [] : await db.$transaction(async (tx) => {
    // The guarded write comes first, so on SQLite this transaction takes the write lock at once.
    await tx.proposal.updateMany({
      where: { id: { in: eligible }, status: "pending", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      data: { status: input.outcome, decidedAt: now, decidedBatchId: batchId },
    });
    const mine = await tx.proposal.findMany({
      where: { id: { in: eligible }, decidedBatchId: batchId },
      select: { id: true, title: true, digest: true, version: true },
    });
    if (mine.length === 0) return mine;
    // The digest of the version in force is the one decided on (an edited plan has its own).
    const versions = await tx.proposalVersion.findMany({
      where: { proposalId: { in: mine.map((p) => p.id) } },
      select: { proposalId: true, version: true, digest: true },
    });
    const current = new Map(mine.map((p) => [p.id, p.version]));
    const digestOf = new Map(versions.filter((v) => current.get(v.proposalId) === v.version).map((v) => [v.proposalId, v.digest]));
    await tx.decision.createMany({
      data: mine.map((p) => ({
        proposalId: p.id,
        userId: user.id,
        outcome: input.outcome,
        reason: input.reason ?? null,
        digest: digestOf.get(p.id) ?? p.digest,
        batchId,
        createdAt: now,
      })),
    });
    const actor = userActor(user);
    await tx.receipt.createMany({
      data: mine.map((p) =>
        receiptData({
          kind: input.outcome,
          actor,
          proposalId: p.id,
          digest: digestOf.get(p.id) ?? p.digest,
          reason: input.reason,
          batchId,
          at: now,
          payload: {
            proposal_id: p.id,
            outcome: input.outcome,
            digest: digestOf.get(p.id) ?? p.digest,
            version: p.version,
            batch_id: batchId,
            batch_size: mine.length,
          },
        }),
      ),
    });
    return mine;
  });

  const wonIds = new Set(won.map((p) => p.id));
  for (const id of eligible) {
    if (!wonIds.has(id)) skipped.push({ id, title: byId.get(id)!.title, reason: "already_decided", message: "Decided by someone else a moment ago." });
  }
  await describeOtherDeciders(skipped);
  return { batchId, outcome: input.outcome, decided: won.map((p) => ({ id: p.id, title: p.title })), skipped };
}

/** Fills in "Already approved by Dana Ops." for items someone else decided. */
async function describeOtherDeciders(skipped: DecideResult["skipped"]): Promise<void> {
  const described = await describeDecisions(skipped.filter((s) => s.reason === "already_decided").map((s) => s.id));
  for (const s of skipped) {
    const text = described.get(s.id);
    if (s.reason === "already_decided" && text) s.message = `Already ${text}.`;
  }
}
