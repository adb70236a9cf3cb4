// The proposal's rollback: what undoes it (the agent's rollback plan) or
// "irreversible", the link to its rollback or to what it rolls back, and
// "Roll back" for approvers and admins of its queue once it was executed.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { inlineLink } from "@/components/ui/tokens";
import type { ProposalDetail } from "@/lib/proposals/get-proposal-detail";
import { PlanSteps } from "./plan-steps";
import { RollBackButton } from "./roll-back-button";
import { Section } from "./section";

export function RollbackSection({ p, canRollBack }: { p: ProposalDetail; canRollBack: boolean }) {
  return (
    <Section id="rollback" title="Rollback" aside={p.rollbackPlan ? undefined : <Badge tone="caution">irreversible</Badge>}>
      <div className="space-y-2 text-sm">
        {p.rollbackOf && (
          <p>
            This proposal rolls back{" "}
            <Link href={`/proposals/${p.rollbackOf.id}`} className={inlineLink}>
              {p.rollbackOf.title}
            </Link>
            .
          </p>
        )}
        {p.rollbackPlan ? (
          <PlanSteps steps={p.rollbackPlan} label="Rollback plan" />
        ) : (
          <p className="text-zinc-700 dark:text-zinc-300">Irreversible: the agent sent no rollback plan, so this action cannot be rolled back from here.</p>
        )}
        {p.rolledBackBy ? (
          <p>
            Rollback requested:{" "}
            <Link href={`/proposals/${p.rolledBackBy.id}`} className={inlineLink}>
              {p.rolledBackBy.title}
            </Link>{" "}
            ({p.rolledBackBy.status}).
          </p>
        ) : (
          p.rollbackPlan && p.status === "executed" && canRollBack && <RollBackButton id={p.id} />
        )}
      </div>
    </Section>
  );
}
