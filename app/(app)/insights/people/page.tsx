import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { peopleInsights } from "@/lib/insights/read-insights";
import { parseWindowDays } from "@/lib/insights/insight-window";
import type { SearchParams } from "@/lib/base/search-params";
import { DataTable, adminRow } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { td } from "@/components/ui/tokens";
import { HorizontalBarChart } from "@/components/insights/insight-charts";
import { duration } from "@/components/insights/format-insight";
import { InsightsHeader } from "../insights-header";

export const metadata: Metadata = { title: "Insights: people" };
export const dynamic = "force-dynamic";

// Admins only: for everyone else this page is a 404 (and peopleInsights refuses in lib).
export default async function PeopleInsightsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireAdminPage("/insights/people");
  const days = parseWindowDays(await searchParams);
  const people = await peopleInsights(user, days);

  return (
    <div className="space-y-5">
      <InsightsHeader title="Insights: people" user={user} days={days} csvView="people">
        Who decides how much, and how long after a proposal arrives, over the last {days} days (UTC). Visible to admins only.
      </InsightsHeader>
      {people.length === 0 ? (
        <EmptyState title="Nothing in this period">Nobody decided anything in the last {days} days.</EmptyState>
      ) : (
        <section aria-labelledby="people-heading" className="space-y-2">
          <h2 id="people-heading" className="sr-only">
            Per person
          </h2>
          <HorizontalBarChart
            title="Decisions per person"
            description="Every approval and rejection each person gave; the table below has every figure."
            bars={people.map((p) => ({ label: p.name, value: p.decisions, text: String(p.decisions) }))}
            empty="Nobody decided anything in this period."
          />
          <DataTable caption={`Per person, last ${days} days`} columns={["Person", "Email", "Decisions", "Approvals", "Rejections", "Median time to decide", "p90 time to decide"]}>
            {people.map((p) => (
              <tr key={p.id} className={adminRow}>
                <td className={td}>{p.name}</td>
                <td className={td}>{p.email}</td>
                <td className={td}>{p.decisions}</td>
                <td className={td}>{p.approvals}</td>
                <td className={td}>{p.rejections}</td>
                <td className={td}>{duration(p.medianSeconds)}</td>
                <td className={td}>{duration(p.p90Seconds)}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}
    </div>
  );
}
