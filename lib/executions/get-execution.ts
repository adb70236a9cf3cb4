import "server-only";
// The agent's execution report for the proposal page, with the flag the queue
// shows. Any signed-in user may see it (as the rest of the page).
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { executionFlagOf, type ExecutionFlag } from "@/lib/executions/execution-flags";

export type ExecutionView = {
  flag: ExecutionFlag | null;
  overdueHours: number;
  execution: { outcome: string; digest: string; digestMatches: boolean; result: unknown; reportedAt: string } | null;
};

export async function getExecutionView(p: { id: string; status: string; decidedAt: string | null }, now = new Date()): Promise<ExecutionView> {
  const execution = await db.execution.findUnique({
    where: { proposalId: p.id },
    select: { outcome: true, digest: true, digestMatches: true, result: true, createdAt: true },
  });
  const overdueHours = env().EXECUTION_OVERDUE_HOURS;
  return {
    flag: executionFlagOf({ status: p.status, decidedAt: p.decidedAt, digestMatches: execution?.digestMatches, executionOutcome: execution?.outcome }, overdueHours, now),
    overdueHours,
    execution: execution
      ? { outcome: execution.outcome, digest: execution.digest, digestMatches: execution.digestMatches, result: execution.result, reportedAt: execution.createdAt.toISOString() }
      : null,
  };
}
