// Flags on an approval after the fact: a warning when it was never reported
// executed, a danger badge when it was executed on another digest than the
// one approved or after its approval was revoked. Text, not colour alone,
// carries the meaning.
import { Badge } from "@/components/ui/badge";
import type { ExecutionFlag } from "@/lib/executions/execution-flags";


const FLAGS: Record<ExecutionFlag, { text: string; title: string; style: string }> = {
  not_executed: {
    text: "Not executed",
    title: "Approved a while ago, and the agent has not reported executing it.",
    style: "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-700",
  },
  digest_mismatch: {
    text: "Executed digest differs from approved",
    title: "The agent reported executing a version other than the one approved.",
    style: "bg-red-100 text-red-900 ring-red-400 dark:bg-red-900 dark:text-red-50 dark:ring-red-600",
  },
  stale_target: {
    text: "Target changed: not executed",
    title: "The agent found the target changed since the proposal (its version differs) and did not carry it out.",
    style: "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-700",
  },
  executed_after_revocation: {
    text: "Executed after revocation",
    title: "The agent reported carrying this out after an administrator revoked the approval.",
    style: "bg-red-100 text-red-900 ring-red-400 dark:bg-red-900 dark:text-red-50 dark:ring-red-600",
  },
};

export function ExecutionFlagBadge({ flag }: { flag: ExecutionFlag | null }) {
  if (!flag) return null;
  const f = FLAGS[flag];
  return (
    <Badge colors={f.style} title={f.title} data-execution-flag={flag}>
      <span aria-hidden="true" className="mr-1">
        {flag === "not_executed" || flag === "stale_target" ? "!" : "✕"}
      </span>
      {f.text}
    </Badge>
  );
}
