import "server-only";
// The policy editor's side of a suggestion: /admin/policies?agent&queue&intent&tool&days&k
// names a pattern (the queue by id or slug: the grant form's link names it by slug); the suggestion is computed again from the history (the
// constraints come from the data, never from the URL), and its draft is
// what the editor adds to the set in force. Admins only.
import { firstValues, type SearchParams } from "@/lib/base/search-params";
import { draftPolicy } from "@/lib/insights/draft-policy";
import { suggestStandingApprovals, type Pattern } from "@/lib/insights/suggest-standing-approvals";

export type SuggestionDraft = { pattern: Pattern; text: string } | { error: string };

export async function suggestionDraftFor(viewer: { role: string }, params: SearchParams): Promise<SuggestionDraft | null> {
  const p = firstValues(params);
  if (!p.agent || !p.queue || !p.intent || !p.tool) return null;
  const days = Math.min(365, Math.max(1, Number(p.days) || 30));
  const minApprovals = Math.min(1000, Math.max(1, Number(p.k) || 10));
  const report = await suggestStandingApprovals(viewer, { days, minApprovals });
  const pattern = report.suggestions.find(
    (s) => s.agentId === p.agent && (s.queueId === p.queue || s.queueSlug === p.queue) && s.intent === p.intent && s.tool === p.tool,
  );
  if (!pattern) return { error: "That pattern is no longer a suggestion: it was rejected or edited since, or fell out of the period." };
  return { pattern, text: draftPolicy(pattern, days) };
}
