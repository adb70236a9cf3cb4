// A suggested standing approval as Cedar text for the policy editor
// (/admin/policies?agent=..&queue=..&intent=..&tool=..), to be simulated on the
// history and applied by an admin, or not. Never applied by itself.
//
// Cedar's schema (lib/policy/cedar/countersign.cedarschema) tells a policy the
// proposal's queue, intent, tier, risk and scopes, but not its tool, amount or
// vendor. So the draft permits auto_approve for the agent, queue and intent,
// and writes the constraints learnt from the history (tool, largest amount,
// vendors) as comments to keep: when standing approvals expose them to Cedar
// (see docs/insights.md, "Connecting to standing approvals"), they become
// conditions. Commit-tier proposals are never approved by policy (contract
// section 1), so for a commit pattern the draft changes nothing in the
// simulation until then; the comment says so.
import type { Pattern } from "@/lib/insights/suggest-standing-approvals";

/** A Cedar string literal (JSON's escapes are Cedar's for these characters). */
const cedarString = (s: string) => JSON.stringify(s);

export function draftPolicyId(p: Pick<Pattern, "agentName" | "intent">): string {
  return `suggested-${p.agentName}-${p.intent}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-+$/, "");
}

export function draftPolicy(p: Pattern, days: number): string {
  const constraints = [
    `tool ${p.tool}`,
    p.maxAmount !== null ? `amount at most ${p.maxAmount}` : null,
    p.vendors.length > 0 ? `vendor one of ${p.vendors.join(", ")}` : null,
  ].filter(Boolean);
  return [
    `// DRAFT suggested standing approval: review and simulate before applying.`,
    `// Over the last ${days} days, people approved agent ${p.agentName}'s ${p.intent} proposals to queue ${p.queueSlug}`,
    `// ${p.approvals} times, with no rejection and no edit.`,
    `// Constraints from what was approved: ${constraints.join("; ")}.`,
    `// The policy schema has no tool, amount or vendor attribute yet: until it does, this draft`,
    `// approves every ${p.intent} proposal of the agent to the queue. Narrow it before applying.`,
    ...(p.tier === "commit" ? [`// These are commit-tier proposals, which are never approved by policy: as it stands this changes nothing.`] : []),
    `@id(${cedarString(draftPolicyId(p))})`,
    `permit (principal == Agent::${cedarString(p.agentId)}, action == Action::"auto_approve", resource is Proposal)`,
    `when { resource.queue == Queue::${cedarString(p.queueSlug)} && resource.intent == ${cedarString(p.intent)} };`,
    ``,
  ].join("\n");
}

/** The editor link for a pattern. */
export function draftHref(p: Pattern, days: number, minApprovals: number): string {
  const q = new URLSearchParams({ agent: p.agentId, queue: p.queueId, intent: p.intent, tool: p.tool, days: String(days), k: String(minApprovals) });
  return `/admin/policies?${q.toString()}#policy-lab`;
}
