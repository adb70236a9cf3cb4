import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { loadQueueRoles, roleOnQueue } from "@/lib/users/queue-roles";
import { exact } from "@/lib/format-time";
import { getProposalDetail } from "@/lib/proposals/get-proposal-detail";
import { ChangesView } from "./changes-view";
import { DecisionPanel } from "./decision-panel";
import { ExecutionPanel } from "./execution-panel";
import { History } from "./history";
import { notesForEditedPlan, notesForPreviousPlan, PlanSteps } from "./plan-steps";
import { ProposalHeader } from "./proposal-header";
import { RevokeApproval } from "./revoke-approval";
import { Digest, Section } from "./section";
import { ValueTree } from "@/components/value-tree";
import { AgentText, hostOf } from "@/components/agent-text";
import { containsHiddenCharacters } from "@/lib/text/hidden-characters";
import { HiddenCharactersBanner } from "./hidden-characters-banner";
import { RollbackSection } from "./rollback-section";
import { UnreadableValuesBanner } from "./unreadable-values-banner";

export const metadata: Metadata = { title: "Proposal" };

export default async function ProposalPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/proposals/${encodeURIComponent(id)}`);
  const p = await getProposalDetail(user, id);
  if (!p) notFound();
  const role = roleOnQueue(await loadQueueRoles(user), p.queue.id);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request
  const now = Date.now();

  const current = p.versions.find((v) => v.version === p.version);
  const previous = p.versions.find((v) => v.version === p.version - 1);
  const previousPlan = p.version > 1 ? (p.version === 2 ? p.proposedPlan : null) : null;
  const summary = current?.editSummary ?? [];
  const edited = p.version > 1;
  const hiddenCharacters = containsHiddenCharacters(p.envelope) || containsHiddenCharacters(p.plan);

  return (
    <main className="space-y-4">
      <ProposalHeader p={p} now={now} />
      {p.unreadable.length > 0 && <UnreadableValuesBanner fields={p.unreadable} />}
      {hiddenCharacters && <HiddenCharactersBanner />}
      <DecisionPanel
        id={p.id}
        version={p.version}
        status={p.status}
        open={p.status === "pending" && p.unreadable.length === 0}
        canDecide={role !== "viewer"}
        plan={p.plan}
      />
      <RevokeApproval user={user} proposalId={p.id} status={p.status} />

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_360px]">
        <div className="min-w-0 space-y-4">
          <Section
            id="plan"
            title={edited ? `Plan in force · version ${p.version} (edited by ${current?.editedBy ?? "an approver"})` : "Plan"}
            aside={<Digest value={p.currentDigest} label={`digest of version ${p.version}`} />}
          >
            <PlanSteps
              steps={p.plan}
              label={edited ? `Plan in force, version ${p.version}` : "Plan steps"}
              notes={edited && previous ? notesForEditedPlan((previousPlan ?? p.proposedPlan).length, p.plan, summary) : undefined}
            />
          </Section>

          {edited && (
            <Section id="proposed-plan" title="Plan as proposed · version 1" aside={<Digest value={p.envelopeDigest} label="digest of version 1" />}>
              <PlanSteps
                steps={p.proposedPlan}
                label="Plan as proposed, version 1"
                notes={p.version === 2 ? notesForPreviousPlan(p.proposedPlan, summary) : undefined}
              />
            </Section>
          )}

          <ExecutionPanel proposalId={p.id} status={p.status} decidedAt={p.decidedAt} approvedDigest={p.currentDigest} now={now} />

          <RollbackSection p={p} canRollBack={role === "approver" || role === "admin"} />

          <Section id="changes" title="Changes">
            <ChangesView changes={p.changes} />
          </Section>

          <Section id="inputs" title="Inputs">
            {p.inputs ? <ValueTree value={p.inputs} label="Inputs" /> : <p className="text-sm text-zinc-500 dark:text-zinc-400">None given.</p>}
          </Section>

          <Section id="envelope" title="Raw envelope" aside={<Digest value={p.envelopeDigest} label="envelope digest" />}>
            <details>
              <summary className="cursor-pointer text-sm text-zinc-700 dark:text-zinc-300">
                Show the envelope exactly as the agent sent it (SHA-256 of its RFC 8785 form:{" "}
                <code className="break-all font-mono text-xs">{p.envelopeDigest}</code>)
              </summary>
              <pre className="mt-2 max-h-[480px] overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-900">
                <AgentText text={JSON.stringify(p.envelope, null, 2)} inline />
              </pre>
            </details>
          </Section>
        </div>

        <aside aria-label="Versions, decisions and history" className="min-w-0 space-y-4">
          <Section id="versions" title="Versions">
            <ol className="space-y-2 text-sm">
              {p.versions.map((v) => (
                <li key={v.version}>
                  <div className="flex flex-wrap items-baseline gap-x-2">
                    <span className="font-medium">
                      v{v.version} {v.version === 1 ? "proposed" : "edited"}
                    </span>
                    {v.version === p.version && p.status !== "pending" && v.version > 1 && (
                      <span className="text-xs text-emerald-700 dark:text-emerald-300">{p.status}</span>
                    )}
                    {v.version === p.version && <span className="text-xs text-zinc-500 dark:text-zinc-400">in force</span>}
                  </div>
                  <div className="text-xs text-zinc-600 dark:text-zinc-400">
                    {v.editedBy ? `by ${v.editedBy}` : `by agent ${p.agent.name}`} · <time dateTime={v.createdAt} title={exact(v.createdAt)}>{exact(v.createdAt)}</time>
                  </div>
                  <code className="block break-all font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{v.digest}</code>
                  {v.editSummary && v.editSummary.length > 0 && (
                    <ul className="mt-1 space-y-1 text-xs">
                      {v.editSummary.map((c) => (
                        <li key={`${c.step}-${c.change}`}>
                          {c.change === "dropped" ? (
                            <span className="text-red-700 dark:text-red-300">Step {c.step} dropped</span>
                          ) : (
                            <details>
                              <summary className="cursor-pointer text-sky-800 dark:text-sky-300">Step {c.step}: arguments changed</summary>
                              <div className="mt-1 grid grid-cols-2 gap-2">
                                <div className="rounded bg-red-50 p-1 dark:bg-red-950/60">
                                  <div className="text-[10px] uppercase text-zinc-500">Before</div>
                                  <ValueTree value={c.before} />
                                </div>
                                <div className="rounded bg-emerald-50 p-1 dark:bg-emerald-950/60">
                                  <div className="text-[10px] uppercase text-zinc-500">After</div>
                                  <ValueTree value={c.after} />
                                </div>
                              </div>
                            </details>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ol>
          </Section>

          <Section id="history" title="History">
            <History receipts={p.receipts} now={now} />
          </Section>

          <Section id="artifacts" title="Artifacts and trace">
            {p.artifacts.length === 0 && !p.trace && <p className="text-sm text-zinc-500 dark:text-zinc-400">None given.</p>}
            {p.artifacts.length > 0 && (
              <ul className="space-y-1 text-sm">
                {p.artifacts.map((a, i) => (
                  <li key={i} className="break-words">
                    <span className="text-xs text-zinc-500 dark:text-zinc-400">
                      <AgentText text={a.type} />{" "}
                    </span>
                    {(a.label ?? a.id) && <AgentText text={(a.label ?? a.id)!} />}
                    {/* The link is the URL itself with its host, never a label that could hide where it goes. */}
                    {a.url && hostOf(a.url) ? (
                      <div data-artifact-url={a.url}>
                        <a href={a.url} target="_blank" rel="noopener noreferrer" className="break-all font-mono text-xs text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
                          {/* AgentText puts the host beside a URL. */}
                          <AgentText text={a.url} inline />
                          <span className="sr-only"> (opens in a new tab)</span>
                        </a>
                      </div>
                    ) : (
                      a.url && (
                        <div className="break-all font-mono text-xs">
                          <AgentText text={a.url} inline />
                        </div>
                      )
                    )}
                  </li>
                ))}
              </ul>
            )}
            {p.trace && (
              <dl className="mt-2 space-y-0.5 font-mono text-xs">
                {Object.entries(p.trace).map(([k, v]) => (
                  <div key={k} className="flex gap-2">
                    <dt className="text-zinc-500 dark:text-zinc-400">
                      <AgentText text={k} inline />:
                    </dt>
                    <dd className="min-w-0 break-all">
                      <AgentText text={v} />
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </Section>
        </aside>
      </div>
    </main>
  );
}
