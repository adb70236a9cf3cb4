import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { dailyVolume, queueInsights } from "@/lib/insights/read-insights";
import { parseWindowDays } from "@/lib/insights/insight-window";
import type { SearchParams } from "@/lib/base/search-params";
import { DataTable, adminRow } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { td, link, muted, buttonLink } from "@/components/ui/tokens";
import { DailyBarChart, HorizontalBarChart } from "@/components/insights/insight-charts";
import { duration, percent } from "@/components/insights/format-insight";
import { InsightsHeader } from "./insights-header";

export const metadata: Metadata = { title: "Insights: queues" };
export const dynamic = "force-dynamic";

export default async function QueueInsightsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser("/insights");
  const days = parseWindowDays(await searchParams);
  const now = new Date();
  const [queues, daily] = await Promise.all([queueInsights(user, days, now), dailyVolume(user, days, now)]);
  const active = queues.filter((q) => q.volume > 0 || q.closed > 0 || q.oldestPendingAt);

  return (
    <div className="space-y-5">
      <InsightsHeader title="Insights" user={user} days={days} csvView="queues">
        How the queues are doing over the last {days} days (UTC). Times to decision are a person&apos;s final decision after the proposal arrived, within about 9 %.
      </InsightsHeader>

      {active.length === 0 ? (
        <EmptyState title="Nothing in this period">No proposal arrived or was decided in the last {days} days.</EmptyState>
      ) : (
        <>
          <section aria-labelledby="volume-heading" className="space-y-2">
            <h2 id="volume-heading" className="text-base font-semibold">
              Volume per day
            </h2>
            <DailyBarChart
              title={`Proposals created per day, last ${days} days`}
              description={`${daily.reduce((n, d) => n + d.created, 0)} proposals in ${days} days; the busiest day had ${Math.max(...daily.map((d) => d.created))}. The numbers are in the table below the chart; the arrow keys move between days.`}
              points={daily.map((d) => ({ day: d.day, value: d.created }))}
              empty={`No proposal was created in the last ${days} days.`}
            />
            <details className="text-sm">
              <summary className="cursor-pointer">The numbers behind the chart</summary>
              <div className="mt-2 space-y-2">
                <DataTable caption="Proposals per day" columns={["Day", "Created", "Approved", "Rejected", "Expired"]}>
                  {daily.map((d) => (
                    <tr key={d.day} className={adminRow}>
                      <td className={td}>{d.day}</td>
                      <td className={td}>{d.created}</td>
                      <td className={td}>{d.approved}</td>
                      <td className={td}>{d.rejected}</td>
                      <td className={td}>{d.expired}</td>
                    </tr>
                  ))}
                </DataTable>
                <a href={`/insights/export?view=daily&days=${days}`} className={buttonLink} download>
                  Download per-day CSV
                </a>
              </div>
            </details>
          </section>

          <section aria-labelledby="queues-heading" className="space-y-2">
            <h2 id="queues-heading" className="text-base font-semibold">
              Per queue
            </h2>
            <HorizontalBarChart
              title="Median time to decision per queue"
              description="The median time from a proposal to a person's final decision, per queue; the table below has every figure."
              bars={active.map((q) => ({ label: q.name, value: q.medianSeconds ?? 0, text: duration(q.medianSeconds) }))}
              empty="No person decided a proposal in this period, so there is no time to decision to chart."
            />
            <DataTable
              caption={`Per queue, last ${days} days`}
              columns={["Queue", "Volume", "Approved", "Rejected", "Expired", "Median to decision", "p90 to decision", "Oldest pending", "Past service time"]}
              minWidth="min-w-[900px]"
            >
              {active.map((q) => (
                <tr key={q.id} className={adminRow}>
                  <td className={td}>
                    <a href={`/queue?queue=${encodeURIComponent(q.slug)}`} className={link}>
                      {q.name}
                    </a>
                  </td>
                  <td className={td}>{q.volume}</td>
                  <td className={td}>{percent(q.approvedShare)}</td>
                  <td className={td}>{percent(q.rejectedShare)}</td>
                  <td className={td}>{percent(q.expiredShare)}</td>
                  <td className={td}>{duration(q.medianSeconds)}</td>
                  <td className={td}>{duration(q.p90Seconds)}</td>
                  <td className={td}>{q.oldestPendingAt ? `${duration((now.getTime() - q.oldestPendingAt.getTime()) / 1000)} ago` : "none"}</td>
                  <td className={td}>{q.serviceMinutes === null ? <span className={muted}>no service time set</span> : q.pastServiceTime}</td>
                </tr>
              ))}
            </DataTable>
            <p className={`text-xs ${muted}`}>
              Shares are of the proposals closed in the period (approved by people or by policy, rejected, expired, cancelled). Oldest pending and
              past service time are as of now.
            </p>
          </section>
        </>
      )}
    </div>
  );
}
