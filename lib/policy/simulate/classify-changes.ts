// What a candidate policy set would have done differently with one historical
// proposal, compared with the live set on the same question. Pure: the kinds
// are the outside names (the CLI's JSON summary and the admin page use them).
import type { Answers } from "@/lib/policy/simulate/answer-questions";
import type { HistoricalProposal } from "@/lib/policy/simulate/read-history";

export const CHANGE_KINDS = [
  "refused_at_intake",
  "allowed_at_intake",
  "auto_approved_instead_of_person",
  "person_instead_of_auto_approval",
  "decision_no_longer_allowed",
  "decision_newly_allowed",
  "quorum_changed",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const KIND_LABELS: Record<ChangeKind, string> = {
  refused_at_intake: "refused at intake",
  allowed_at_intake: "allowed at intake (refused by the live set)",
  auto_approved_instead_of_person: "approved by policy instead of by a person",
  person_instead_of_auto_approval: "sent to a person instead of approved by policy",
  decision_no_longer_allowed: "a person's decision no longer allowed",
  decision_newly_allowed: "a person's decision allowed (refused by the live set)",
  quorum_changed: "number of approvals changed",
};

export type Change = { kind: ChangeKind; detail: string; policies: string[] };

export function classifyChanges(h: HistoricalProposal, live: Answers, candidate: Answers): Change[] {
  const changes: Change[] = [];
  const [l, c] = [live.intake, candidate.intake];
  if (l.proposeAllowed && !c.proposeAllowed) {
    changes.push({ kind: "refused_at_intake", detail: `refused by ${c.proposePolicies.join(", ") || "no permit"}`, policies: c.proposePolicies });
  } else if (!l.proposeAllowed && c.proposeAllowed) {
    changes.push({ kind: "allowed_at_intake", detail: `permitted by ${c.proposePolicies.join(", ")}`, policies: c.proposePolicies });
  }
  // Past a refusal at intake there was nothing left to ask.
  if (!c.proposeAllowed) return changes;

  if (l.status === "pending" && c.status === "approved") {
    changes.push({ kind: "auto_approved_instead_of_person", detail: `approved by ${c.policies.join(", ")}`, policies: c.policies });
  } else if (l.status === "approved" && c.status === "pending") {
    changes.push({ kind: "person_instead_of_auto_approval", detail: `needs ${c.requiredApprovals} approval(s)`, policies: c.policies });
  } else if (c.status === "pending" && l.requiredApprovals !== c.requiredApprovals) {
    changes.push({ kind: "quorum_changed", detail: `${l.requiredApprovals} → ${c.requiredApprovals} approvals`, policies: c.policies });
  }

  h.decisions.forEach((d, i) => {
    const [was, now] = [live.decisions[i]!, candidate.decisions[i]!];
    const who = `${d.user.email} (${d.user.role}) ${d.action === "approve" ? "approving" : "rejecting"}`;
    if (was.allowed && !now.allowed) changes.push({ kind: "decision_no_longer_allowed", detail: `${who}: ${now.message}`, policies: now.policies });
    else if (!was.allowed && now.allowed) changes.push({ kind: "decision_newly_allowed", detail: `${who}: permitted by ${now.policies.join(", ")}`, policies: now.policies });
  });
  return changes;
}
