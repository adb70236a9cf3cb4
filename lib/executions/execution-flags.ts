// What the operators should notice about an approval after the fact: approved
// long ago and still not reported executed (the agent may have stalled, or
// acted without reporting), or executed on another digest than the approved
// one, or reported after the approval was revoked (the action ran although
// the approval was withdrawn: recorded, never hidden), or not carried out
// because the target changed since the proposal (a stale report). Pure, so the queue, the
// proposal page and tests share one rule.

export type ExecutionFlag = "not_executed" | "digest_mismatch" | "executed_after_revocation" | "stale_target";

// The queue's filter offers these; executed_after_revocation shows as a badge on the row (status "revoked" finds them).
export const EXECUTION_FLAG_FILTERS = ["not_executed", "digest_mismatch", "stale_target"] as const;

export function executionFlagOf(
  p: { status: string; decidedAt: Date | string | null; digestMatches: boolean | null | undefined; executionOutcome?: string | null },
  overdueHours: number,
  now: Date = new Date(),
): ExecutionFlag | null {
  // digestMatches is null/undefined when there is no execution report: a revoked proposal WITH one ran after revocation.
  if (p.status === "revoked" && typeof p.digestMatches === "boolean") return "executed_after_revocation";
  if (p.executionOutcome === "stale") return "stale_target";
  if (p.digestMatches === false) return "digest_mismatch";
  if (p.status === "approved" && p.decidedAt && now.getTime() - new Date(p.decidedAt).getTime() >= overdueHours * 3600_000) return "not_executed";
  return null;
}

/** Approvals decided before this moment and still approved are overdue. */
export function overdueCutoff(overdueHours: number, now: Date = new Date()): Date {
  return new Date(now.getTime() - overdueHours * 3600_000);
}
