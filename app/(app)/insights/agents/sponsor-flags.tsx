// On /insights/agents, for a person who sponsors agents: the patterns of their
// own agents that people reject or correct often (the same flag as on
// /admin/policies/suggestions, which only admins see), so the sponsor hears of
// it without asking an admin. Nothing for someone who sponsors no flagged agent.
import { DEFAULT_SUGGESTION_OPTIONS, type SuggestionReport } from "@/lib/insights/suggest-standing-approvals";
import { FlaggedPatternsTable } from "@/components/insights/flagged-patterns-table";
import { muted } from "@/components/ui/tokens";

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
      <FlaggedPatternsTable flagged={flagged} caption="Patterns of your agents flagged for you" />
    </section>
  );
}
