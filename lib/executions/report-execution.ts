import "server-only";
// The agent's report of carrying out an approved proposal: executed, failed, or
// stale (not carried out: the target changed since the proposal, e.g. its
// `changes[].target.version` no longer matches), with a result and the digest.
// A stale report leaves the proposal failed, with the execution's outcome
// "stale" so the page and the queue say why. Only the proposing agent, only for
// an approved proposal, only once: a guarded update (approved -> executed|failed)
// plus the unique Execution row settle races, and the receipt and the webhook
// event are written in the same transaction. A digest that differs from the
// approved one is recorded, not refused: the action already happened, and the
// operators must see it (the queue flags it).
//
// A report for a REVOKED proposal is recorded too, for the same reason: a
// revocation cannot undo an action the agent had already started (or a tool
// that checked its token offline, without seeing the revocation). The
// proposal stays "revoked" (the approval WAS withdrawn), the Execution row and
// its executed/failed receipt are written, and the UI flags it as "executed
// after revocation". Still once only: the unique Execution row settles it.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import type { AuthenticatedAgent } from "@/lib/agents/authenticate-agent";
import { appendReceipts } from "@/lib/receipts/append-receipt";
import { enqueueProposalEvents } from "@/lib/webhooks/enqueue";
import { recordInsights } from "@/lib/insights/record-insights";
import { approvedDigestOf, approvedDigestSelect } from "@/lib/approvals/approved-digest";

/** The stored result stays small: large outputs belong in the agent's own systems, linked from the result. */
export const MAX_RESULT_BYTES = 64 * 1024;
/** How much of the result a receipt quotes. */
const RESULT_SUMMARY_CHARS = 500;

export const executionReportSchema = z.strictObject({
  outcome: z.enum(["executed", "failed", "stale"], { message: 'must be "executed", "failed" or "stale"' }),
  result: z
    .json()
    .optional()
    .refine((v) => v === undefined || Buffer.byteLength(JSON.stringify(v)) <= MAX_RESULT_BYTES, {
      message: `must be at most ${MAX_RESULT_BYTES} bytes of JSON; link large outputs instead`,
    }),
  digest: z.string().regex(/^[0-9a-f]{64}$/, "must be the SHA-256 hex digest you executed (64 lowercase hex characters)"),
});
export type ExecutionReport = z.infer<typeof executionReportSchema>;

export type ExecutionReceiptResponse = {
  id: string;
  proposal_id: string;
  /** The proposal's status now: a stale report leaves it failed. */
  status: "executed" | "failed";
  /** True when the agent did not act because the target changed since the proposal. */
  stale: boolean;
  digest: string;
  approved_digest: string;
  digest_matches: boolean;
  /** True when the approval had been revoked before this report: recorded, the proposal stays revoked, and it is flagged. */
  after_revocation: boolean;
};

export async function reportExecution(
  agent: Pick<AuthenticatedAgent, "id" | "name">,
  proposalId: string,
  report: ExecutionReport,
  now = new Date(),
): Promise<ExecutionReceiptResponse> {
  const notFound = new AppError("not_found", "not_found", "No proposal with this id for this agent.");
  if (proposalId.length > 100) throw notFound;
  const proposal = await db.proposal.findFirst({
    where: { id: proposalId, agentId: agent.id },
    select: { id: true, status: true, queueId: true, decidedAt: true, ...approvedDigestSelect, execution: { select: { outcome: true } } },
  });
  if (!proposal) throw notFound;
  refuseUnlessReportable(proposal.status, proposal.execution?.outcome);

  const approvedDigest = approvedDigestOf(proposal);
  const stale = report.outcome === "stale";
  const status = report.outcome === "executed" ? "executed" : "failed";
  const digestMatches = report.digest === approvedDigest;
  try {
    return await db.$transaction(async (tx) => {
      // Guarded: another report between the read above and here makes this a
      // no-op. An approved proposal moves to the outcome; a revoked one keeps
      // its status (the write only locks the row), and the report is recorded.
      let afterRevocation = false;
      let won = await tx.proposal.updateMany({
        where: { id: proposal.id, agentId: agent.id, status: "approved", execution: { is: null } },
        data: { status },
      });
      if (won.count === 0) {
        won = await tx.proposal.updateMany({
          where: { id: proposal.id, agentId: agent.id, status: "revoked", execution: { is: null } },
          data: { updatedAt: now },
        });
        afterRevocation = won.count > 0;
      }
      if (won.count === 0) {
        const current = await tx.proposal.findUniqueOrThrow({ where: { id: proposal.id }, select: { status: true, execution: { select: { outcome: true } } } });
        refuseUnlessReportable(current.status, current.execution?.outcome);
        throw new AppError("conflict", "not_approved", "This proposal changed a moment ago and is no longer approved.");
      }
      const execution = await tx.execution.create({
        data: {
          proposalId: proposal.id,
          agentId: agent.id,
          outcome: report.outcome,
          result: report.result === undefined || report.result === null ? undefined : (report.result as object),
          digest: report.digest,
          digestMatches,
          createdAt: now,
        },
        select: { id: true },
      });
      await appendReceipts(tx, [
        {
          kind: status,
          actor: { type: "agent", id: agent.id, name: agent.name },
          proposalId: proposal.id,
          digest: report.digest,
          at: now,
          payload: {
            proposal_id: proposal.id,
            execution_id: execution.id,
            outcome: report.outcome,
            digest_reported: report.digest,
            approved_digest: approvedDigest,
            digest_matches: digestMatches,
            ...(afterRevocation ? { after_revocation: true } : {}),
            result_summary: summarize(report.result),
          },
        },
      ]);
      await enqueueProposalEvents(tx, [proposal.id], now);
      // Counted on the approval's day, so "approved, never executed" is approvals minus reports of one set of days.
      await recordInsights(tx, [
        { type: "execution", approvedAt: proposal.decidedAt ?? now, queueId: proposal.queueId, agentId: agent.id, outcome: status, digestMatches },
      ]);
      return {
        id: execution.id,
        proposal_id: proposal.id,
        status,
        stale,
        digest: report.digest,
        approved_digest: approvedDigest,
        digest_matches: digestMatches,
        after_revocation: afterRevocation,
      };
    });
  } catch (error) {
    // The unique Execution row is the last guard against two reports racing.
    if (typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002") throw alreadyReported();
    throw error;
  }
}

const alreadyReported = (outcome?: string) =>
  new AppError("conflict", "already_reported", `This proposal's execution was already reported${outcome ? ` (${outcome})` : ""}; a report is final and can be sent once.`);

/** Approved, or revoked (recorded as executed after revocation); refused once reported, and for anything never approved. */
function refuseUnlessReportable(status: string, executionOutcome: string | undefined): void {
  if (executionOutcome || status === "executed" || status === "failed") throw alreadyReported(executionOutcome ?? status);
  if (status !== "approved" && status !== "revoked") {
    throw new AppError("conflict", "not_approved", `This proposal is ${status}; only an approved proposal can be reported executed, failed or stale.`);
  }
}

/** A short, readable quote of the result for the audit trail (the full result is on the Execution row). */
function summarize(result: unknown): string | null {
  if (result === undefined || result === null) return null;
  const text = typeof result === "string" ? result : JSON.stringify(result);
  return text.length > RESULT_SUMMARY_CHARS ? `${text.slice(0, RESULT_SUMMARY_CHARS - 1)}…` : text;
}
