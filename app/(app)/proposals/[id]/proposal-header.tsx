import Link from "next/link";
import { RiskBadge, StatusBadge, TierBadge } from "@/components/ui/badge";
import { ago, exact, until } from "@/lib/format-time";
import type { ProposalDetail } from "@/lib/proposals/get-proposal-detail";
import { Time } from "./section";
import { secondApproverLabel, type SecondApprover } from "@/lib/proposals/second-approver-label";
import { DeclaredLabel } from "./declared-label";
import { AgentText } from "@/components/agent-text";

export function ProposalHeader({ p, now }: { p: ProposalDetail; now: number }) {
  const actor = p.actor.name ?? p.actor.email ?? p.actor.id;
  const model = [p.agent.model, p.agent.version].filter(Boolean).join(" · ");
  return (
    <header className="space-y-2">
      <nav aria-label="Breadcrumb" className="text-xs text-zinc-500 dark:text-zinc-400">
        <Link href="/queue" className="hover:underline">
          Queue
        </Link>{" "}
        / <span>{p.queue.name}</span>
      </nav>
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        <h1 className="text-xl font-semibold leading-7 tracking-tight">
          <AgentText text={p.title} />
        </h1>
        <div className="flex items-center gap-1.5 pt-1">
          <StatusBadge status={p.status} />
          <TierBadge tier={p.tier} />
          <RiskBadge risk={p.risk} />
          <DeclaredLabel what="risk" />
          {p.approvals.required > 1 && (
            <span className="rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset ring-violet-300 text-violet-800 dark:text-violet-200 dark:ring-violet-800">
              {p.approvals.count} of {p.approvals.required} approvals
            </span>
          )}
          {p.secondApprover && <SecondApproverNote s={p.secondApprover} />}
          {p.version > 1 && (
            <span className="rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset ring-sky-300 text-sky-800 dark:text-sky-200 dark:ring-sky-800">
              edited · v{p.version}
            </span>
          )}
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-3 xl:grid-cols-6">
        <Meta term="Intent">
          <code className="font-mono text-xs">
            <AgentText text={p.intent} />
          </code>
        </Meta>
        <Meta term="Agent">
          <span className="font-medium">{p.agent.name}</span>
          {model && (
            <span className="text-zinc-500 dark:text-zinc-400">
              {" "}
              · <AgentText text={model} />
            </span>
          )}
          {p.agent.runId && (
            <div className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
              run <AgentText text={p.agent.runId} />
            </div>
          )}
        </Meta>
        <Meta term="Acting for" label={<DeclaredLabel what="person or service it acts for" />}>
          <AgentText text={actor} />
          {p.actor.email && p.actor.name && (
            <div className="text-xs text-zinc-500 dark:text-zinc-400">
              <AgentText text={p.actor.email} />
            </div>
          )}
          <div className="text-xs text-zinc-500 dark:text-zinc-400">
            {p.actor.type} <AgentText text={p.actor.id} />
          </div>
        </Meta>
        <Meta term="Queue">
          {p.queue.name} <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{p.queue.slug}</span>
        </Meta>
        <Meta term="Created">
          <Time iso={p.createdAt} text={ago(p.createdAt, now)} />
          <div className="text-xs text-zinc-500 dark:text-zinc-400">{exact(p.createdAt)}</div>
        </Meta>
        <Meta term={p.decidedAt ? "Decided" : "Expires"}>
          {p.decidedAt ? (
            <>
              <Time iso={p.decidedAt} text={ago(p.decidedAt, now)} />
              <div className="text-xs text-zinc-500 dark:text-zinc-400">{exact(p.decidedAt)}</div>
            </>
          ) : p.expiresAt ? (
            <>
              <Time iso={p.expiresAt} text={until(p.expiresAt, now)} />
              <div className="text-xs text-zinc-500 dark:text-zinc-400">{exact(p.expiresAt)}</div>
            </>
          ) : (
            <span className="text-zinc-500 dark:text-zinc-400">no expiry</span>
          )}
        </Meta>
      </dl>
      {p.summary && (
        <p className="max-w-4xl text-sm text-zinc-700 dark:text-zinc-300">
          <AgentText text={p.summary} />
        </p>
      )}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Scopes: {p.scopes.map((s) => <code key={s} className="mr-2 font-mono">{s}</code>)}
      </p>
    </header>
  );
}

function Meta({ term, label, children }: { term: string; label?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="flex items-center gap-1.5 text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
        {term}
        {label}
      </dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function SecondApproverNote({ s }: { s: SecondApprover }) {
  return (
    <span className="rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset ring-amber-300 bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800" title="The commit step's arguments were edited; the editor's approval counts once, and someone else must approve the edited version.">
      {secondApproverLabel(s)}
    </span>
  );
}
