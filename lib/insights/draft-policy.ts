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

/**
 * A pattern's draft on /admin/policies: the standing-approval grant form
 * pre-filled (grant-form-prefill.ts reads it) with the agent, queue and tool,
 * the constraints learnt from what was approved (amount at most the largest,
 * vendor among those seen; only when the tool's own argument carried them,
 * which is what a standing approval can test), as many uses as people
 * approved in the period and an expiry of as many days. The same link names
 * the pattern (intent, days, k), so the editor gets the Cedar draft to
 * simulate. The admin reviews, simulates and grants, or not: nothing here
 * grants anything.
 */
export function draftHref(p: Pattern, days: number, minApprovals: number): string {
  const q = new URLSearchParams({ grant: "1", agent: p.agentId, queue: p.queueSlug, tool: p.tool, intent: p.intent, days: String(days), k: String(minApprovals) });
  if (p.maxAmount !== null && p.amountArg !== null && /^\d{1,9}(\.\d{1,4})?$/.test(p.maxAmount)) q.set(`at_most.${p.amountArg}`, p.maxAmount);
  // The form's "one of" is comma-separated: a vendor with a comma in it cannot be listed, so the constraint is left to the admin.
  if (p.vendors.length > 0 && p.vendorArg !== null && p.vendors.every((v) => !v.includes(","))) q.set(`one_of.${p.vendorArg}`, p.vendors.join(","));
  q.set("period", "total");
  q.set("max_count", String(p.approvals));
  q.set("expires_days", String(days));
  const seen = [
    p.maxAmount !== null ? `amounts up to ${p.maxAmount}${p.amountArg === null ? " (in the proposals' inputs, not the tool's arguments)" : ""}` : null,
    p.vendors.length > 0 ? `vendors ${p.vendors.join(", ")}${p.vendorArg === null ? " (in the proposals' inputs, not the tool's arguments)" : ""}` : null,
  ].filter(Boolean);
  q.set("reason", `Suggested: people approved ${p.agentName}'s ${p.intent} on ${p.queueSlug} ${p.approvals} times in ${days} days with no rejection or edit${seen.length ? `; ${seen.join("; ")}` : ""}.`);
  return `/admin/policies?${q.toString()}#standing-approvals`;
}
