// What happened after the approval: the agent's execution report (outcome,
// digest, result), or how long it has been waiting for one. Flags an approval
// never reported executed, an execution on another digest than approved, and
// one reported after the approval was revoked (shown only when there is one).
import { StatusBadge } from "@/components/ui/badge";
import { ExecutionFlagBadge } from "@/components/execution-flag-badge";
import { ValueTree } from "@/components/value-tree";
import { ago, exact } from "@/lib/format-time";
import { getExecutionView } from "@/lib/executions/get-execution";
import { Section, Time } from "./section";

type Props = { proposalId: string; status: string; decidedAt: string | null; approvedDigest: string; now: number };

export async function ExecutionPanel({ proposalId, status, decidedAt, approvedDigest, now }: Props) {
  if (!["approved", "executed", "failed", "revoked"].includes(status)) return null;
  const view = await getExecutionView({ id: proposalId, status, decidedAt }, new Date(now));
  const e = view.execution;
  // A revoked approval has no Execution section unless the agent reported carrying it out anyway.
  if (status === "revoked" && !e) return null;
  return (
    <Section id="execution" title="Execution" aside={<ExecutionFlagBadge flag={view.flag} />}>
      {!e && status !== "approved" ? (
        // Proposals closed before execution reports existed (or by the demo data) carry only a receipt.
        <p className="text-sm text-zinc-700 dark:text-zinc-300">Marked {status}; no execution report with a digest is on record. See the history for the receipt.</p>
      ) : !e ? (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          The agent has not reported executing this approval yet
          {decidedAt && (
            <>
              {" "}(approved <Time iso={decidedAt} text={ago(decidedAt, now)} />)
            </>
          )}
          .{" "}
          {view.flag === "not_executed"
            ? `That is longer than ${view.overdueHours} hours: check with the agent's sponsor whether it acted without reporting, or revoke the approval.`
            : "Agents report with POST /api/v1/proposals/{id}/executions."}
        </p>
      ) : (
        <div className="space-y-2 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={e.outcome} />
            <span className="text-zinc-600 dark:text-zinc-400">
              reported <Time iso={e.reportedAt} text={ago(e.reportedAt, now)} /> · {exact(e.reportedAt)}
            </span>
          </div>
          {e.outcome === "stale" && (
            <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
              Not executed: the agent found the target changed since this proposal (its version no longer matches the one the agent read),
              so nothing was done and the proposal is marked failed. The agent can propose again with what the target holds now.
            </p>
          )}
          {view.flag === "executed_after_revocation" && (
            <p role="alert" className="rounded border border-red-300 bg-red-50 px-2 py-1 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
              Executed after revocation: the agent reported this {e.outcome === "failed" ? "attempt" : "execution"} after the approval was revoked. The
              proposal stays revoked; check with the agent&apos;s sponsor whether the action must be undone.
            </p>
          )}
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1">
            <dt className="text-zinc-500 dark:text-zinc-400">Executed digest</dt>
            <dd className="break-all font-mono text-xs">{e.digest}</dd>
            <dt className="text-zinc-500 dark:text-zinc-400">Approved digest</dt>
            <dd className="break-all font-mono text-xs">{approvedDigest}</dd>
          </dl>
          {e.digestMatches ? (
            <p className="text-emerald-800 dark:text-emerald-300">The executed digest is the approved one.</p>
          ) : (
            <p role="alert" className="rounded border border-red-300 bg-red-50 px-2 py-1 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
              The agent executed a different version than the one approved: the two digests above differ. Ask the agent&apos;s sponsor what
              was run.
            </p>
          )}
          <div>
            <div className="text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400">Result</div>
            {e.result === null || e.result === undefined ? (
              <p className="text-zinc-500 dark:text-zinc-400">No result given.</p>
            ) : (
              <ValueTree value={e.result} label="Execution result" />
            )}
          </div>
        </div>
      )}
    </Section>
  );
}
