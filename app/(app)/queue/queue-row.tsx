"use client";
// One proposal in the backlog table: checkbox, title and intent, agent, the
// person acted for, tier and risk, status (with quorum, second-approver and
// execution flags), age and expiry.
import Link from "next/link";
import { RiskBadge, StatusBadge, TierBadge } from "@/components/ui/badge";
import { ExecutionFlagBadge } from "@/components/execution-flag-badge";
import { AgentText } from "@/components/agent-text";
import { secondApproverLabel } from "@/lib/proposals/second-approver-label";
import { ago, exact, until } from "@/lib/format-time";
import type { QueueRow as Row } from "@/lib/proposals/list-queue";

type RowProps = {
  row: Row;
  focused: boolean;
  selected: boolean;
  deciding: boolean;
  onToggle: (shift: boolean) => void;
  onFocus: () => void;
  ref: (el: HTMLTableRowElement | null) => void;
};

export function QueueRow({ row, focused, selected, deciding, onToggle, onFocus, ref }: RowProps) {
  return (
    <tr
      ref={ref}
      onClick={onFocus}
      aria-selected={selected}
      data-focused={focused || undefined}
      className={`border-t border-zinc-100 dark:border-zinc-800/80 ${selected ? "bg-blue-50 dark:bg-blue-950/40" : "hover:bg-zinc-50 dark:hover:bg-zinc-900/60"} ${
        focused ? "outline outline-2 -outline-offset-2 outline-blue-500/60" : ""
      } ${deciding ? "opacity-50" : ""}`}
    >
      <td className="px-3 py-2 align-top">
        <input
          type="checkbox"
          aria-label={`Select ${row.title}`}
          checked={selected}
          onChange={() => {}}
          onClick={(e) => {
            e.stopPropagation();
            onToggle(e.shiftKey);
          }}
          className="size-4 accent-blue-700"
        />
      </td>
      <td className="max-w-[36rem] px-2 py-2 align-top">
        <Link href={`/proposals/${row.id}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
          <AgentText text={row.title} />
        </Link>
        <div className="mt-0.5 truncate text-xs text-zinc-600 dark:text-zinc-400">
          <code>
            <AgentText text={row.intent} />
          </code>{" "}
          · {row.queue.name}
        </div>
      </td>
      <td className="px-2 py-2 align-top">
        <div className="text-zinc-800 dark:text-zinc-200">{row.agent.name}</div>
        {row.agent.model && (
          <div className="text-xs text-zinc-600 dark:text-zinc-400">
            <AgentText text={row.agent.model} />
          </div>
        )}
      </td>
      <td className="px-2 py-2 align-top">
        <div className="text-zinc-800 dark:text-zinc-200">
          <AgentText text={row.actor.name ?? row.actor.id} />
        </div>
        {row.actor.email && (
          <div className="text-xs text-zinc-600 dark:text-zinc-400">
            <AgentText text={row.actor.email} />
          </div>
        )}
      </td>
      <td className="px-2 py-2 align-top">
        <div className="flex flex-wrap gap-1">
          <TierBadge tier={row.tier} />
          <RiskBadge risk={row.risk} />
        </div>
      </td>
      <td className="px-2 py-2 align-top">
        {deciding ? <span className="text-xs text-zinc-600 dark:text-zinc-400">deciding…</span> : <StatusBadge status={row.status} />}
        {row.status === "pending" && row.approvals.required > 1 && (
          <div className="mt-0.5 whitespace-nowrap text-xs text-zinc-600 dark:text-zinc-400">
            {row.approvals.count} of {row.approvals.required} approvals
          </div>
        )}
        {row.status === "pending" && row.secondApprover && (
          <div className="mt-0.5 text-xs font-medium text-amber-800 dark:text-amber-300" title="The commit step's arguments were edited; someone other than the editor must approve.">
            {secondApproverLabel(row.secondApprover)}
          </div>
        )}
        {row.irreversible && row.tier === "commit" && (
          <div className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400" title="The agent sent no rollback plan.">
            irreversible
          </div>
        )}
        {row.standingApproval && (
          <div className="mt-0.5 max-w-[16rem] text-xs text-teal-800 dark:text-teal-300" title={`standing approval ${row.standingApproval.id}`}>
            By standing approval{row.standingApproval.reason ? `: ${row.standingApproval.reason}` : ""}
          </div>
        )}
        {row.executionFlag && (
          <div className="mt-0.5">
            <ExecutionFlagBadge flag={row.executionFlag} />
          </div>
        )}
      </td>
      <td className="whitespace-nowrap px-2 py-2 text-right align-top tabular-nums text-zinc-600 dark:text-zinc-400" title={exact(row.createdAt)} suppressHydrationWarning>
        {ago(row.createdAt)}
      </td>
      <td className="whitespace-nowrap px-3 py-2 text-right align-top tabular-nums text-zinc-600 dark:text-zinc-400" title={row.expiresAt ? exact(row.expiresAt) : undefined} suppressHydrationWarning>
        {until(row.expiresAt)}
      </td>
    </tr>
  );
}
