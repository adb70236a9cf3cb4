import { TierBadge } from "@/components/ui/badge";
import { parseScope } from "@/lib/policy/scopes";
import type { PlanStep } from "@/lib/proposals/envelope";
import type { EditSummaryItem } from "@/lib/proposals/get-proposal-detail";
import { ValueTree } from "@/components/value-tree";
import { AgentText } from "@/components/agent-text";

export type StepNote = { text: string; tone: "edited" | "dropped" };

/** Ordered plan steps: number, title, tool, scope with its tier, arguments as a tree. */
export function PlanSteps({ steps, notes, label }: { steps: PlanStep[]; notes?: (StepNote | null)[]; label: string }) {
  return (
    <ol aria-label={label} className="divide-y divide-zinc-100 dark:divide-zinc-900">
      {steps.map((step, i) => {
        const note = notes?.[i];
        const tier = parseScope(step.scope)?.tier;
        return (
          <li key={i} className={`flex gap-3 py-2 first:pt-0 last:pb-0 ${note?.tone === "dropped" ? "opacity-60" : ""}`}>
            <span aria-hidden="true" className="mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-[11px] font-semibold text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
              {i + 1}
            </span>
            <div className="min-w-0 flex-1 space-y-1">
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="sr-only">Step {i + 1}:</span>
                <span className={`text-sm font-medium ${note?.tone === "dropped" ? "line-through" : ""}`}>
                  <AgentText text={step.title} />
                </span>
                <code className="rounded bg-zinc-100 px-1 font-mono text-xs text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
                  <AgentText text={step.tool} />
                </code>
                <code className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
                  <AgentText text={step.scope} />
                </code>
                {tier && <TierBadge tier={tier} />}
                {note && (
                  <span
                    className={
                      note.tone === "dropped"
                        ? "rounded bg-red-50 px-1.5 text-[11px] font-medium text-red-800 dark:bg-red-950 dark:text-red-200"
                        : "rounded bg-sky-50 px-1.5 text-[11px] font-medium text-sky-800 dark:bg-sky-950 dark:text-sky-200"
                    }
                  >
                    {note.text}
                  </span>
                )}
              </div>
              <ValueTree value={step.args} label={`Arguments of step ${i + 1}`} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** Notes for the plan in force: which earlier step each one was, and whether its args were edited. */
export function notesForEditedPlan(previousLength: number, current: PlanStep[], summary: EditSummaryItem[]): (StepNote | null)[] {
  const dropped = new Set(summary.filter((c) => c.change === "dropped").map((c) => c.step));
  const edited = new Set(summary.filter((c) => c.change === "args").map((c) => c.step));
  const kept = Array.from({ length: previousLength }, (_, i) => i + 1).filter((n) => !dropped.has(n));
  return current.map((_, i) => {
    const was = kept[i];
    if (was === undefined) return null;
    const parts = [was !== i + 1 ? `was step ${was}` : null, edited.has(was) ? "arguments edited" : null].filter(Boolean);
    return parts.length ? { text: parts.join(", "), tone: "edited" } : null;
  });
}

/** Notes for the earlier plan: which steps the approver dropped or edited. */
export function notesForPreviousPlan(previous: PlanStep[], summary: EditSummaryItem[]): (StepNote | null)[] {
  return previous.map((_, i) => {
    const c = summary.find((s) => s.step === i + 1);
    if (!c) return null;
    return c.change === "dropped" ? { text: "dropped by approver", tone: "dropped" } : { text: "arguments edited", tone: "edited" };
  });
}
