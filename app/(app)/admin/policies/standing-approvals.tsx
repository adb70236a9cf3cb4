"use client";
// Standing approvals on /admin/policies: the grant form (open when the page
// was linked with ?grant=1, pre-filled from the query), and every grant with
// its generated Cedar policy, limits, use count, and Edit / Revoke.
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { card, faint, muted, secondaryButton, smallButton } from "@/components/ui/tokens";
import { EMPTY_GRANT_FORM, type GrantFormValues } from "@/lib/standing-approvals/grant-form-prefill";
import type { StandingApprovalView } from "@/lib/standing-approvals/list-standing-approvals";
import { StandingApprovalForm } from "./standing-approval-form";
import { RevokeStandingApprovalButton } from "./revoke-standing-approval-button";

type Choices = { agents: { id: string; name: string }[]; queues: { slug: string; name: string }[] };

const OP_TEXT = { equals: "=", one_of: "one of", at_most: "≤" } as const;

function limitText(v: StandingApprovalView): string {
  const parts = [v.maxCount !== null ? `${v.maxCount} uses` : null, v.maxAmount !== null ? `${v.maxAmount} of ${v.amountArg}` : null].filter(Boolean);
  return `at most ${parts.join(" and ")} ${v.limitPeriod === "day" ? "per UTC day" : "in total"}`;
}

function valuesOf(v: StandingApprovalView): GrantFormValues {
  return {
    agent: v.agentId,
    queue: v.queue,
    tool: v.tool,
    constraints: v.constraints.map((c) => ({ arg: c.arg, op: c.op, value: Array.isArray(c.value) ? c.value.join(", ") : c.value })),
    limitPeriod: v.limitPeriod,
    maxCount: v.maxCount === null ? "" : String(v.maxCount),
    maxAmount: v.maxAmount === null ? "" : String(v.maxAmount),
    amountArg: v.amountArg ?? "",
    expiresDays: String(Math.max(1, Math.ceil((new Date(v.expiresAt).getTime() - Date.now()) / 86400_000))),
    reason: v.reason,
  };
}

export function StandingApprovals({ views, choices, prefill }: { views: StandingApprovalView[]; choices: Choices; prefill: GrantFormValues | null }) {
  const [granting, setGranting] = useState(prefill !== null);
  const initial = prefill ? { ...prefill, agent: choices.agents.find((a) => a.id === prefill.agent || a.name === prefill.agent)?.id ?? "" } : EMPTY_GRANT_FORM;
  return (
    <section aria-labelledby="standing-approvals" className="space-y-2">
      <div>
        <h2 id="standing-approvals" className="text-base font-semibold">
          Standing approvals <span className="font-mono text-xs font-normal text-zinc-500 dark:text-zinc-400">auto_approve</span>
        </h2>
        <p className="max-w-4xl text-sm text-zinc-600 dark:text-zinc-400">
          An admin&apos;s approval in advance: an agent&apos;s proposals on one queue whose every acting step calls one tool within the constraints
          are approved at intake, named as the decider, within the limit, until the expiry. Commits too: this is an approval by the admin who
          granted it. Each is a Cedar policy generated from the form; revoking or changing it applies to the next proposal.
        </p>
      </div>
      {granting ? (
        <div className={card}>
          <StandingApprovalForm choices={choices} initial={initial} onDone={() => setGranting(false)} />
        </div>
      ) : (
        <button type="button" className={secondaryButton} onClick={() => setGranting(true)}>
          Grant a standing approval…
        </button>
      )}
      {views.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No standing approvals: every proposal the policies leave pending waits for a person.</p>
      ) : (
        <ul className="space-y-2">
          {views.map((v) => (
            <StandingApprovalItem key={v.id} view={v} choices={choices} />
          ))}
        </ul>
      )}
    </section>
  );
}

function StandingApprovalItem({ view: v, choices }: { view: StandingApprovalView; choices: Choices }) {
  const [editing, setEditing] = useState(false);
  const name = `standing approval for ${v.agent} on ${v.queue}`;
  return (
    <li className={card} id={`standing-${v.id}`} aria-label={name}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="space-y-0.5 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{v.agent}</span>
            <span className={muted}>on</span>
            <span className="font-medium">{v.queue}</span>
            <code className="font-mono text-xs">{v.tool}</code>
            <Badge tone={v.state === "active" ? "success" : v.state === "revoked" ? "caution" : "neutral"}>{v.state}</Badge>
          </div>
          <div className={muted}>
            {v.constraints.length === 0 ? "any arguments" : v.constraints.map((c) => `${c.arg} ${OP_TEXT[c.op]} ${Array.isArray(c.value) ? c.value.join(", ") : c.value}`).join("; ")} · {limitText(v)}
          </div>
          <div className={muted}>
            <span data-testid="use-count">Used {v.usedCount} {v.usedCount === 1 ? "time" : "times"}</span>
            {v.limitPeriod === "day" ? ` (${v.todayCount} today)` : ""} · expires {new Date(v.expiresAt).toISOString().slice(0, 16).replace("T", " ")} UTC · “{v.reason}”
          </div>
          <div className={`font-mono text-xs ${faint}`}>{v.policyId}</div>
        </div>
        {v.state === "active" && (
          <div className="flex gap-1">
            <button type="button" className={smallButton} onClick={() => setEditing((e) => !e)} aria-label={`Edit ${name}`} aria-expanded={editing}>
              Edit
            </button>
            <RevokeStandingApprovalButton id={v.id} label={name} />
          </div>
        )}
      </div>
      {editing && (
        <div className="mt-2 border-t border-zinc-200 pt-2 dark:border-zinc-800">
          <StandingApprovalForm choices={choices} initial={valuesOf(v)} editId={v.id} onDone={() => setEditing(false)} />
        </div>
      )}
      <details className="mt-2">
        <summary className="cursor-pointer text-xs text-zinc-700 dark:text-zinc-300">Cedar policy</summary>
        <pre className="mt-1 overflow-x-auto rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800">{v.policyText}</pre>
      </details>
    </li>
  );
}
