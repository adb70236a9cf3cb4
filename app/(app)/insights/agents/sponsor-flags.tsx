// On /insights/agents, for a person who sponsors agents: the patterns of their
// own agents that people reject or correct often (the same flag as on
// /admin/policies/suggestions, which only admins see), so the sponsor hears of
// it without asking an admin. Nothing for someone who sponsors no flagged agent.
import { DEFAULT_SUGGESTION_OPTIONS, type SuggestionReport } from "@/lib/insights/suggest-standing-approvals";
import { DataTable, adminRow } from "@/components/ui/data-table";
import { td, link, muted } from "@/components/ui/tokens";

export function SponsorFlags({ flagged, days }: { flagged: SuggestionReport["flagged"]; days: number }) {
  if (flagged.length === 0) return null;
  return (
    <section aria-labelledby="sponsor-flags-heading" className="space-y-2">
      <h2 id="sponsor-flags-heading" className="text-base font-semibold">
        Flagged for you as sponsor
      </h2>
      <p className={`text-sm ${muted}`}>
        Patterns of the agents you sponsor that people rejected or corrected in {Math.round(DEFAULT_SUGGESTION_OPTIONS.flagRate * 100)} % or more of at least{" "}
        {DEFAULT_SUGGESTION_OPTIONS.minDecisions} decisions over the last {days} days: the
        agent may need a fix.
      </p>
      <DataTable caption="Patterns of your agents flagged for you" columns={["Agent", "Queue", "Intent", "Tool", "Approved", "Rejected", "Edited", "Share rejected or edited"]} minWidth="min-w-[800px]">
        {flagged.map((f) => (
          <tr key={`${f.agentId}|${f.queueId}|${f.intent}|${f.tool}`} className={adminRow}>
            <td className={td}>
              <a href={`/queue?agent=${encodeURIComponent(f.agentName)}&status=all`} className={link}>
                {f.agentName}
              </a>
            </td>
            <td className={td}>{f.queueSlug}</td>
            <td className={`${td} font-mono text-xs`}>{f.intent}</td>
            <td className={`${td} font-mono text-xs`}>{f.tool}</td>
            <td className={td}>{f.approvals}</td>
            <td className={td}>{f.rejections}</td>
            <td className={td}>{f.edits}</td>
            <td className={td}>{Math.round(f.problemRate * 100)} %</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
