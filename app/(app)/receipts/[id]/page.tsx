import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { getReceiptDetail } from "@/lib/receipts/get-receipt";
import { receiptFiltersToSearch } from "@/lib/receipts/receipt-filters";
import { ago, exact } from "@/lib/format-time";
import { RiskBadge, StatusBadge, TierBadge } from "@/components/ui/badge";
import { authMethodLabel, KindBadge } from "../kind-badge";
import { none } from "@/components/ui/time-ago";
import { link, muted } from "@/components/ui/tokens";
import { ValueTree } from "@/components/value-tree";
import { AgentText } from "@/components/agent-text";

export const metadata: Metadata = { title: "Receipt" };

const section = "rounded-md border border-zinc-200 dark:border-zinc-800";
const sectionTitle = "border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 text-sm font-semibold dark:border-zinc-800 dark:bg-zinc-900";
const dl = "grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1.5 p-3 text-sm";
const dt = "text-zinc-600 dark:text-zinc-400";
const mono = "font-mono text-xs break-all";

export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/receipts/${encodeURIComponent(id)}`);
  const r = await getReceiptDetail(user, id);
  if (!r) notFound();
  const actor = r.actor;

  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/receipts" className={link}>
          Receipts
        </Link>{" "}
        <span className="text-zinc-400">/</span> <span className="font-mono">#{r.seq}</span>
      </nav>

      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold tracking-tight">Receipt #{r.seq}</h1>
        <KindBadge kind={r.kind} />
        <time dateTime={r.createdAt} className="text-sm text-zinc-600 dark:text-zinc-400">
          {exact(r.createdAt)} ({ago(r.createdAt)})
        </time>
      </header>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <section aria-labelledby="receipt-record" className={section}>
          <h2 id="receipt-record" className={sectionTitle}>
            Record
          </h2>
          <dl className={dl}>
            <dt className={dt}>Kind</dt>
            <dd className="font-mono text-xs">{r.kind}</dd>
            <dt className={dt}>Recorded at</dt>
            <dd className="tabular-nums">{exact(r.createdAt)}</dd>
            <dt className={dt}>Receipt id</dt>
            <dd className={mono}>{r.id}</dd>
            <dt className={dt}>Sequence</dt>
            <dd className="tabular-nums">{r.seq}</dd>
            <dt className={dt}>Digest (SHA-256)</dt>
            <dd className={mono}>{r.digest ?? none}</dd>
            <dt className={dt}>Reason</dt>
            <dd className="whitespace-pre-wrap break-words">{r.reason ?? none}</dd>
            <dt className={dt}>Batch</dt>
            <dd className={mono}>
              {r.batchId ? (
                <Link href={`/receipts${receiptFiltersToSearch({ kind: "all", batch: r.batchId })}`} className={link} aria-label={`All receipts of batch ${r.batchId}`}>
                  {r.batchId}
                </Link>
              ) : (
                none
              )}
            </dd>
            {(r.prevHash || r.hash) && (
              <>
                <dt className={dt}>Previous hash</dt>
                <dd className={mono}>{r.prevHash ?? none}</dd>
                <dt className={dt}>Hash</dt>
                <dd className={mono}>{r.hash ?? none}</dd>
              </>
            )}
          </dl>
        </section>

        <section aria-labelledby="receipt-actor" className={section}>
          <h2 id="receipt-actor" className={sectionTitle}>
            Who acted, as recorded at that moment
          </h2>
          <dl className={dl}>
            <dt className={dt}>Type</dt>
            <dd>{actor.type}</dd>
            <dt className={dt}>Id</dt>
            <dd className={mono}>{actor.id ?? none}</dd>
            <dt className={dt}>Name</dt>
            <dd>{actor.name ?? none}</dd>
            {actor.type === "user" && (
              <>
                <dt className={dt}>Email</dt>
                <dd className="break-all">{actor.email ?? none}</dd>
                <dt className={dt}>Role</dt>
                <dd>{actor.role ?? none}</dd>
                <dt className={dt}>Signed in with</dt>
                <dd>{authMethodLabel(actor.authMethod) ?? none}</dd>
              </>
            )}
          </dl>
          <p className="px-3 pb-3 text-xs text-zinc-500 dark:text-zinc-400">
            A snapshot taken when the receipt was written; the account may have changed since.
          </p>
        </section>
      </div>

      <section aria-labelledby="receipt-proposal" className={section}>
        <h2 id="receipt-proposal" className={sectionTitle}>
          Proposal as it was {r.kind === "proposed" ? "proposed" : "decided"}
        </h2>
        {r.proposal ? (
          <div className="space-y-3 p-3">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/proposals/${r.proposal.id}`} className={`${link} font-medium`}>
                <AgentText text={r.proposal.title} />
              </Link>
              <StatusBadge status={r.proposal.status} />
              <TierBadge tier={r.proposal.tier} />
              <RiskBadge risk={r.proposal.risk} />
            </div>
            <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className={dt}>Proposal id</dt>
              <dd className={mono}>{r.proposal.id}</dd>
              <dt className={dt}>Intent</dt>
              <dd className="font-mono text-xs">{r.proposal.intent}</dd>
              <dt className={dt}>Queue</dt>
              <dd>
                {r.proposal.queue.name} <span className="font-mono text-xs text-zinc-500">({r.proposal.queue.slug})</span>
              </dd>
              <dt className={dt}>Agent</dt>
              <dd className="font-mono text-xs">{r.proposal.agent}</dd>
              <dt className={dt}>Version decided</dt>
              <dd>
                {r.version ? (
                  <>
                    version {r.version.version} of {r.proposal.currentVersion}
                    {r.version.editedBy ? ` · edited by ${r.version.editedBy}` : " · as the agent proposed it"}
                    <span className="text-zinc-500"> · {exact(r.version.createdAt)}</span>
                  </>
                ) : (
                  none
                )}
              </dd>
              <dt className={dt}>Version digest</dt>
              <dd className={mono}>{r.version?.digest ?? none}</dd>
            </dl>
            {!r.version && (
              <p role="note" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
                {r.digest
                  ? "No stored version of this proposal has this receipt's digest. The plan shown on the proposal's page may not be what was decided."
                  : "This receipt names no digest, so it cannot be tied to a version of the plan."}
              </p>
            )}
            {r.version && <PlanSteps steps={r.version.plan} />}
          </div>
        ) : (
          <p className="p-3 text-sm text-zinc-600 dark:text-zinc-400">This receipt is not about a proposal (for example an agent being created or revoked).</p>
        )}
      </section>

      <section aria-labelledby="receipt-payload" className={section}>
        <h2 id="receipt-payload" className={sectionTitle}>
          Payload
        </h2>
        <div className="space-y-2 p-3">
          <ValueTree value={r.payload} />
          <details className="text-xs">
            <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Raw JSON (payload and actor snapshot)</summary>
            <pre className="mt-2 overflow-x-auto rounded bg-zinc-50 p-2 font-mono dark:bg-zinc-900">
              {JSON.stringify({ payload: r.payload, actor: r.actorSnapshot }, null, 2)}
            </pre>
          </details>
        </div>
      </section>

      {r.timeline.length > 0 && (
        <section aria-labelledby="receipt-timeline" className={section}>
          <h2 id="receipt-timeline" className={sectionTitle}>
            All receipts of this proposal
          </h2>
          <ol className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800/70">
            {r.timeline.map((t) => (
              <li key={t.seq} className={`flex items-center gap-3 px-3 py-1.5 ${t.id === r.id ? "bg-blue-50 dark:bg-blue-950/40" : ""}`} aria-current={t.id === r.id ? "true" : undefined}>
                <Link href={`/receipts/${t.id}`} className={`${link} w-16 font-mono text-xs`}>
                  #{t.seq}
                </Link>
                <KindBadge kind={t.kind} />
                <span className="text-zinc-700 dark:text-zinc-300">{t.actorName ?? none}</span>
                <time dateTime={t.createdAt} className={`ml-auto tabular-nums text-xs ${muted}`}>
                  {exact(t.createdAt)}
                </time>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

function PlanSteps({ steps }: { steps: { title: string; tool: string; scope: string; args: unknown }[] }) {
  return (
    <table className="w-full table-fixed border-collapse text-sm">
      <caption className="sr-only">Plan steps of the version decided</caption>
      <colgroup>
        <col className="w-10" />
        <col className="w-[28%]" />
        <col className="w-[20%]" />
        <col className="w-[14%]" />
        <col />
      </colgroup>
      <thead className="border-b border-zinc-200 text-left text-[11px] uppercase tracking-wide text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        <tr>
          <th scope="col" className="px-2 py-1">#</th>
          <th scope="col" className="px-2 py-1">Step</th>
          <th scope="col" className="px-2 py-1">Tool</th>
          <th scope="col" className="px-2 py-1">Scope</th>
          <th scope="col" className="px-2 py-1">Arguments</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
        {steps.map((s, i) => (
          <tr key={i}>
            <td className="px-2 py-1 align-top tabular-nums">{i + 1}</td>
            <td className="px-2 py-1 align-top break-words">
              <AgentText text={s.title} />
            </td>
            <td className="px-2 py-1 align-top font-mono text-xs break-all">
              <AgentText text={s.tool} />
            </td>
            <td className="px-2 py-1 align-top font-mono text-xs">
              <AgentText text={s.scope} />
            </td>
            <td className="px-2 py-1 align-top">
              <ValueTree value={s.args} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
