// The top of every insight view: its title, what it shows, the views and the period.
import { isAdmin } from "@/lib/roles/admin";
import { PageHeader } from "@/components/ui/page-header";
import { buttonLink } from "@/components/ui/tokens";
import { InsightsNav } from "./insights-nav";

export function InsightsHeader({ title, user, days, csvView, children }: { title: string; user: { role: string }; days: number; csvView: string; children: React.ReactNode }) {
  return (
    <div className="space-y-3">
      <PageHeader
        title={title}
        actions={
          <a href={`/insights/export?view=${csvView}&days=${days}`} className={buttonLink} download>
            Download CSV
          </a>
        }
      >
        {children}
      </PageHeader>
      <InsightsNav admin={isAdmin(user)} days={days} />
    </div>
  );
}
