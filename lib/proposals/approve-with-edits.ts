import "server-only";
// Edit before approve: an approver changes step arguments or drops steps and
// approves the result in one step. The browser sends only which original
// steps to keep (by index) and their arguments; titles, tools and scopes are
// rebuilt from the plan stored on the server, so nothing can be added or
// widened. The approval, the new version, the decision and both receipts are
// one transaction behind one guarded write on (status, version, expiry).
//
// An edit of a commit step's arguments (the payee, the amount) is never final
// on the editor's word alone, whatever the quorum: like GitHub's "the last
// pusher cannot approve", the editor's approval counts once and someone else
// must approve the edited version too. The proposal records the editor
// (commitEditedById) and needs max(quorum, 2) distinct approvals; one vote per
// person (decide-proposals.ts) keeps the editor from being that second one.
// Edits of read and write:draft steps keep the queue's quorum: they change
// nothing that executes irreversibly, and the commit steps still run as
// approved (the approval token carries them).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { loadForDecision } from "@/lib/proposals/load-for-decision";
import { AppError } from "@/lib/base/app-error";
import { enqueueProposalEvents } from "@/lib/webhooks/enqueue";
import { describeDecisions } from "@/lib/proposals/describe-decisions";
import { appendReceipt } from "@/lib/receipts/append-receipt";
import { userActor } from "@/lib/users/user-actor";
import { recordInsights } from "@/lib/insights/record-insights";
import type { InsightEvent } from "@/lib/insights/insight-events";
import { canonicalJson, digestOf } from "@/lib/base/canonical-json";
import { jsonValueIssues } from "@/lib/base/json-limits";
import { envelopeTextIssues } from "@/lib/proposals/envelope-text";
import type { PlanStep } from "@/lib/proposals/envelope";
import { parseScope } from "@/lib/policy/scopes";
import type { EditSummaryItem, JsonObject } from "@/lib/proposals/get-proposal-detail";

const MAX_STEPS = 200;

export const approveWithEditsInput = z
  .strictObject({
    id: z.string().min(1).max(100),
    /** The version the person reviewed; a newer one means someone changed it meanwhile. */
    version: z.number().int().min(1),
    plan: z
      .array(
        z.strictObject({
          index: z.number().int().min(0).max(MAX_STEPS - 1),
          // The limits an agent's body has (json-limits.ts) first: z.json() recurses once per level, so
          // arguments nested 200,000 deep would overflow the stack (a 500) before any message, and a lone
          // surrogate or a NUL would be refused by PostgreSQL's jsonb (a 500) or stored unfaithfully.
          args: z
            .unknown()
            .superRefine((args, ctx) => {
              // Then the key rule intake applies at any depth (envelope-text.ts): a key with an invisible
              // character reads like another key, and __proto__ would be dropped or misread once stored.
              const issues = jsonValueIssues(args, 3);
              for (const issue of issues.length ? issues : envelopeTextIssues(args, 3)) {
                ctx.addIssue({ code: "custom", message: `a step's arguments: ${issue.path === "(body)" ? "" : `${issue.path} `}${issue.message}` });
              }
            })
            .pipe(z.record(z.string(), z.json(), { message: "a step's arguments must be a JSON object" })),
        }),
      )
      .min(1, "keep at least one step")
      .max(MAX_STEPS),
    reason: z.string().trim().max(2000, "keep the note under 2000 characters").optional(),
  })
  .transform((v) => ({ ...v, reason: v.reason || undefined }))
  .refine((v) => v.plan.every((step, i) => i === 0 || step.index > v.plan[i - 1]!.index), {
    message: "steps must keep their original order and appear once each",
    path: ["plan"],
  });
export type ApproveWithEditsInput = z.input<typeof approveWithEditsInput>;

export type ApproveWithEditsResult = {
  id: string;
  title: string;
  version: number;
  digest: string;
  previousDigest: string;
  batchId: string;
  changes: EditSummaryItem[];
  /** 1 of requiredApprovals: the proposal stays pending until the quorum is met. */
  approvals: number;
  requiredApprovals: number;
  /** The edit changed a commit step's arguments: someone other than the editor must approve too. */
  secondApproverRequired: boolean;
};

const CONFLICT = "This proposal was decided or changed by someone else";

export async function approveWithEdits(user: CurrentUser, rawInput: ApproveWithEditsInput, now = new Date()): Promise<ApproveWithEditsResult> {
  const parsed = approveWithEditsInput.safeParse(rawInput);
  if (!parsed.success) throw new AppError("invalid", "invalid_input", parsed.error.issues.map((i) => i.message).join("; "));
  const input = parsed.data;

  const [check] = await loadForDecision(user, {
    ids: [input.id],
    action: "approve",
    logAction: "approve_with_edits",
    now,
    select: { version: true, plan: true, envelope: true, digest: true, requiredApprovals: true, approvalCount: true, agentId: true, createdAt: true },
  });
  if (!check!.ok) {
    const { reason, proposal: found, message } = check!;
    if (reason === "not_found") throw new AppError("not_found", "not_found", "No such proposal.");
    if (reason === "already_decided") {
      throw new AppError("conflict", "conflict", `${CONFLICT}: it is already ${await describeDecision(found!.id, found!.status)}.`);
    }
    if (reason === "expired") throw new AppError("conflict", "expired", "This proposal expired before it was decided.");
    if (reason === "unreadable") throw new AppError("conflict", "unreadable", message);
    throw new AppError("forbidden", reason, message, { policies: check!.policies });
  }
  const { proposal, policies } = check!;
  if (proposal.approvalCount > 0) {
    // Approvals already given were for the plan as it stands; an edit would void them.
    throw new AppError(
      "conflict",
      "conflict",
      `This proposal already has ${proposal.approvalCount} of ${proposal.requiredApprovals} approvals on version ${proposal.version}; editing it now would void them. Approve it as it stands, or reject it with a reason.`,
    );
  }
  if (proposal.version !== input.version) {
    throw new AppError(
      "conflict",
      "conflict",
      `${CONFLICT}: you reviewed version ${input.version}, it is now version ${proposal.version}. Reload and review it again.`,
    );
  }

  const stored = proposal.plan as PlanStep[];
  const outOfRange = input.plan.find((e) => e.index >= stored.length);
  if (outOfRange) {
    throw new AppError("invalid", "invalid_input", `Step ${outOfRange.index + 1} does not exist: the plan has ${stored.length} steps. Steps cannot be added.`);
  }
  // Rebuilt from the stored plan: only args come from the browser.
  const plan: PlanStep[] = input.plan.map((e) => {
    const step = stored[e.index]!;
    return { title: step.title, tool: step.tool, scope: step.scope, args: e.args };
  });
  const changes = summarizeEdits(stored, input.plan);
  if (changes.length === 0) {
    throw new AppError("invalid", "no_changes", "Nothing was edited. Use Approve to approve the plan as it stands.");
  }

  const previous = await db.proposalVersion.findUnique({
    where: { proposalId_version: { proposalId: proposal.id, version: proposal.version } },
    select: { digest: true },
  });
  const previousDigest = previous?.digest ?? proposal.digest;
  const digest = digestOf({ ...(proposal.envelope as object), plan });
  const nextVersion = proposal.version + 1;
  const batchId = randomUUID();
  const actor = userActor(user);
  // With a quorum, this edit-and-approve is the first approval of the new version.
  const commitEdit = editsCommitArguments(stored, changes);
  const requiredApprovals = commitEdit ? Math.max(proposal.requiredApprovals, 2) : proposal.requiredApprovals;
  const final = requiredApprovals <= 1;

  await db.$transaction(async (tx) => {
    // The guarded write comes first, so on SQLite this transaction takes the write lock at once.
    const { count } = await tx.proposal.updateMany({
      where: {
        id: proposal.id,
        status: "pending",
        version: proposal.version,
        approvalCount: 0,
        OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      },
      data: final
        ? { status: "approved", plan, version: nextVersion, approvalCount: 1, decidedAt: now, decidedBatchId: batchId }
        : { plan, version: nextVersion, approvalCount: 1, requiredApprovals, commitEditedById: commitEdit ? user.id : null },
    });
    if (count === 0) throw new AppError("conflict", "conflict", `${CONFLICT}. Reload to see its current state.`);

    await tx.proposalVersion.create({
      data: { proposalId: proposal.id, version: nextVersion, plan, digest, editedById: user.id, editSummary: changes, createdAt: now },
    });
    await appendReceipt(tx, {
      kind: "edited",
      actor,
      proposalId: proposal.id,
      digest,
      batchId,
      at: now,
      payload: {
        proposal_id: proposal.id,
        from_version: proposal.version,
        to_version: nextVersion,
        previous_digest: previousDigest,
        digest,
        changes,
      },
    });
    await appendReceipt(tx, {
      kind: final ? "approved" : "approval",
      actor,
      proposalId: proposal.id,
      digest,
      reason: input.reason,
      batchId,
      at: now,
      payload: {
        proposal_id: proposal.id,
        outcome: "approved",
        with_edits: true,
        version: nextVersion,
        previous_digest: previousDigest,
        digest,
        changes,
        approvals: 1,
        required_approvals: requiredApprovals,
        ...(commitEdit ? { second_approver_required: true, edited_by: user.email, queue_required_approvals: proposal.requiredApprovals } : {}),
        final,
        policies: policies,
        batch_id: batchId,
        batch_size: 1,
      },
    });
    await tx.decision.create({
      data: {
        proposalId: proposal.id,
        userId: user.id,
        outcome: "approved",
        reason: input.reason ?? null,
        digest,
        batchId,
        policies: policies,
        createdAt: now,
      },
    });
    if (final) await enqueueProposalEvents(tx, [proposal.id], now);
    await recordInsights(tx, [
      { type: "vote", at: now, userId: user.id, proposalCreatedAt: proposal.createdAt, outcome: "approved" },
      ...(final
        ? [{ type: "decided", at: now, queueId: proposal.queueId, agentId: proposal.agentId, createdAt: proposal.createdAt, outcome: "approved", edited: true } satisfies InsightEvent]
        : []),
    ]);
  });

  return { id: proposal.id, title: proposal.title, version: nextVersion, digest, previousDigest, batchId, changes, approvals: 1, requiredApprovals, secondApproverRequired: commitEdit };
}

/** Whether an edit changed the arguments of a step whose scope is commit-tier. */
export function editsCommitArguments(stored: PlanStep[], changes: EditSummaryItem[]): boolean {
  return changes.some((c) => c.change === "args" && parseScope(stored[c.step - 1]?.scope ?? "")?.tier === "commit");
}

/** Step numbers are 1-based and refer to the plan the person reviewed. */
export function summarizeEdits(stored: PlanStep[], kept: { index: number; args: JsonObject | Record<string, unknown> }[]): EditSummaryItem[] {
  const byIndex = new Map(kept.map((k) => [k.index, k.args]));
  const changes: EditSummaryItem[] = [];
  stored.forEach((step, index) => {
    const args = byIndex.get(index);
    if (args === undefined) changes.push({ step: index + 1, change: "dropped" });
    else if (canonicalJson(args) !== canonicalJson(step.args)) {
      changes.push({ step: index + 1, change: "args", before: step.args as JsonObject, after: args as JsonObject });
    }
  });
  return changes;
}

async function describeDecision(proposalId: string, status: string): Promise<string> {
  return (await describeDecisions([proposalId])).get(proposalId) ?? status;
}
