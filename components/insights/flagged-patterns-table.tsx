// The table of patterns people reject or correct often: on
// /admin/policies/suggestions (every agent, with its sponsor) and, for a
// sponsor, on /insights/agents (their own agents only). One table, so the two
// pages always show a flag the same way.
import type { SuggestionReport } from "@/lib/insights/suggest-standing-approvals";
import { DataTable, adminRow } from "@/components/ui/data-table";
import { td, link, muted } from "@/components/ui/tokens";

export function FlaggedPatternsTable({ flagged, caption, withSponsor = false }: { flagged: SuggestionReport["flagged"]; caption: string; withSponsor?: boolean }) {
  const columns = ["Agent", ...(withSponsor ? ["Sponsor"] : []), "Queue", "Intent", "Tool", "Approved", "Rejected", "Edited", "Share rejected or edited"];
  return (
    <DataTable caption={caption} columns={columns} minWidth={withSponsor ? "min-w-[900px]" : "min-w-[800px]"}>
      {flagged.map((f) => (
        <tr key={`${f.agentId}|${f.queueId}|${f.intent}|${f.tool}`} className={adminRow}>
          <td className={td}>
            <a href={`/queue?agent=${encodeURIComponent(f.agentName)}&status=all`} className={link}>
              {f.agentName}
            </a>
          </td>
          {withSponsor && (
            <td className={td}>
              {f.sponsor.name} <span className={muted}>{f.sponsor.email}</span>
            </td>
          )}
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
  );
}
