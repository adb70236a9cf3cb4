import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { agentInsights } from "@/lib/insights/read-insights";
import { parseWindowDays } from "@/lib/insights/insight-window";
import type { SearchParams } from "@/lib/base/search-params";
import { DataTable, adminRow } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { td, link, muted } from "@/components/ui/tokens";
import { HorizontalBarChart } from "@/components/insights/insight-charts";
import { percent } from "@/components/insights/format-insight";
import { InsightsHeader } from "../insights-header";
import { flaggedForSponsor } from "@/lib/insights/suggest-standing-approvals";
import { SponsorFlags } from "./sponsor-flags";

export const metadata: Metadata = { title: "Insights: agents" };
export const dynamic = "force-dynamic";

export default async function AgentInsightsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser("/insights/agents");
  const days = parseWindowDays(await searchParams);
  const [agents, flagged] = await Promise.all([agentInsights(user, days), flaggedForSponsor(user, { days })]);

  return (
    <div className="space-y-5">
      <InsightsHeader title="Insights: agents" user={user} days={days} csvView="agents">
        Which agents people reject or correct, and what happens after approval, over the last {days} days (UTC).
      </InsightsHeader>
      <SponsorFlags flagged={flagged} days={days} />
      {agents.length === 0 ? (
        <EmptyState title="Nothing in this period">No agent proposed anything in the last {days} days.</EmptyState>
      ) : (
        <section aria-labelledby="agents-heading" className="space-y-2">
          <h2 id="agents-heading" className="sr-only">
            Per agent
          </h2>
          <HorizontalBarChart
            title="Rejection rate per agent"
            description="The share of each agent's proposals that people rejected, of those people decided; the table below has every figure."
            bars={agents.map((a) => ({ label: a.name, value: a.rejectionRate ?? 0, text: percent(a.rejectionRate) }))}
            empty="People rejected no agent's proposal in this period."
          />
          <DataTable
            caption={`Per agent, last ${days} days`}
            columns={["Agent", "Decided by people", "Rejection rate", "Edited before approval", "Approved by policy", "Executed", "Digest mismatches", "Approved, never executed"]}
            minWidth="min-w-[900px]"
          >
            {agents.map((a) => (
              <tr key={a.id} className={adminRow}>
                <td className={td}>
                  <a href={`/queue?agent=${encodeURIComponent(a.name)}&status=all`} className={link}>
                    {a.name}
                  </a>
                </td>
                <td className={td}>{a.decided}</td>
                <td className={td}>{percent(a.rejectionRate)}</td>
                <td className={td}>
                  {percent(a.editRate)} <span className={muted}>({a.editedApprovals})</span>
                </td>
                <td className={td}>{a.autoApproved}</td>
                <td className={td}>{a.executed + a.failed > 0 ? `${a.executed} (${a.failed} failed)` : "0"}</td>
                <td className={td}>{a.digestMismatches}</td>
                <td className={td}>{a.neverExecuted}</td>
              </tr>
            ))}
          </DataTable>
          <p className={`text-xs ${muted}`}>
            Execution figures count the reports on the period&apos;s approvals. &ldquo;Approved, never executed&rdquo; is the approvals of the period
            (by people or by policy) with no execution report yet, revoked ones included.
          </p>
        </section>
      )}
    </div>
  );
}
