import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { firstValues, type SearchParams } from "@/lib/base/search-params";
import { suggestStandingApprovals, DEFAULT_SUGGESTION_OPTIONS } from "@/lib/insights/suggest-standing-approvals";
import { draftHref } from "@/lib/insights/draft-policy";
import { DataTable, adminRow } from "@/components/ui/data-table";
import { FlaggedPatternsTable } from "@/components/insights/flagged-patterns-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { td, link, inlineLink, muted, field, stackedLabel, secondaryButton } from "@/components/ui/tokens";

export const metadata: Metadata = { title: "Suggested standing approvals" };
export const dynamic = "force-dynamic";

const clamp = (value: string | undefined, min: number, max: number, fallback: number) => Math.min(max, Math.max(min, Math.round(Number(value)) || fallback));

export default async function SuggestionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdminPage("/admin/policies/suggestions");
  const params = firstValues(await searchParams);
  const days = clamp(params.days, 1, 365, DEFAULT_SUGGESTION_OPTIONS.days);
  const minApprovals = clamp(params.k, 1, 1000, DEFAULT_SUGGESTION_OPTIONS.minApprovals);
  const report = await suggestStandingApprovals(admin, { days, minApprovals });

  return (
    <div className="space-y-5">
      <PageHeader title="Suggested standing approvals">
        Patterns people always approve, learnt from the last {days} days. Each opens the standing-approval grant form filled in from what was
        approved, with its Cedar draft in the policy editor to simulate; nothing is granted or applied until you do it.
      </PageHeader>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Suggestion settings">
        <label className={stackedLabel}>
          Days of history
          <input name="days" type="number" min={1} max={365} defaultValue={days} className={`${field} w-24`} />
        </label>
        <label className={stackedLabel}>
          Approvals at least
          <input name="k" type="number" min={1} max={1000} defaultValue={minApprovals} className={`${field} w-24`} />
        </label>
        <button type="submit" className={secondaryButton}>
          Show
        </button>
        <span className={`text-xs ${muted}`}>{report.scanned} decided proposals read.</span>
      </form>

      <section aria-labelledby="suggested-heading" className="space-y-2">
        <h2 id="suggested-heading" className="text-base font-semibold">
          Suggested
        </h2>
        {report.suggestions.length === 0 ? (
          <EmptyState title="No suggestion">
            No agent, intent, tool and queue was approved {minApprovals} times or more in the last {days} days without a rejection or an edit.
          </EmptyState>
        ) : (
          <DataTable caption="Suggested standing approvals" columns={["Agent", "Queue", "Intent", "Tool", "Approved", "Largest amount", "Vendors", "Draft"]} minWidth="min-w-[900px]">
            {report.suggestions.map((s) => (
              <tr key={`${s.agentId}|${s.queueId}|${s.intent}|${s.tool}`} className={adminRow}>
                <td className={td}>{s.agentName}</td>
                <td className={td}>{s.queueSlug}</td>
                <td className={`${td} font-mono text-xs`}>{s.intent}</td>
                <td className={`${td} font-mono text-xs`}>
                  {s.tool} <span className={muted}>({s.tier})</span>
                </td>
                <td className={td}>{s.approvals}</td>
                <td className={td}>{s.maxAmount ?? "–"}</td>
                <td className={td}>{s.vendors.length > 0 ? s.vendors.join(", ") : "–"}</td>
                <td className={td}>
                  <a href={draftHref(s, days, minApprovals)} className={link}>
                    Open as draft<span className="sr-only"> for {s.agentName} {s.intent}</span>
                  </a>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="flagged-heading" className="space-y-2">
        <h2 id="flagged-heading" className="text-base font-semibold">
          Flagged for the agent&apos;s sponsor
        </h2>
        <p className={`text-sm ${muted}`}>
          Patterns people reject or correct often ({Math.round(report.options.flagRate * 100)} % or more of at least {report.options.minDecisions} decisions): the
          agent may need a fix, or the sponsor a word with its owners. Each sponsor sees their own agents&apos; flags on{" "}
          <a href="/insights/agents" className={inlineLink}>
            Insights: agents
          </a>
          .
        </p>
        {report.flagged.length === 0 ? (
          <EmptyState size="note">No pattern was rejected or edited that often in the last {days} days.</EmptyState>
        ) : (
          <FlaggedPatternsTable flagged={report.flagged} caption="Patterns flagged for the agent's sponsor" withSponsor />
        )}
      </section>
    </div>
  );
}
