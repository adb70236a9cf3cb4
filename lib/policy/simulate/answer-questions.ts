import "server-only";
// Asks one policy set every question the live engine asked about a historical
// proposal, through the engine's own functions (so a simulation answers exactly
// as intake and the decision paths would). Answers are remembered by the facts
// they depend on: a history of 100,000 proposals repeats the same agent,
// queue, intent and person many times, and Cedar is the expensive part.
import { authorizeDecision, authorizePropose, intakeOutcome, type LoadedPolicies } from "@/lib/policy/engine";
import type { PolicyAction } from "@/lib/policy/load-policies";
import { withProjectedMemo, type MemoStats } from "@/lib/policy/simulate/projected-memo";
import type { HistoricalProposal } from "@/lib/policy/simulate/read-history";

export type IntakeAnswer = { proposeAllowed: boolean; proposePolicies: string[]; status: "pending" | "approved"; requiredApprovals: number; policies: string[] };
export type DecisionAnswer = { allowed: boolean; policies: string[]; message: string };
export type Answers = { intake: IntakeAnswer; decisions: DecisionAnswer[] };

type Memos = { intake: Map<string, IntakeAnswer>; decision: Map<string, DecisionAnswer> };
/** `cedar`: the questions that reached Cedar (projected-memo.ts answers the others). */
export type Asker = { answer(h: HistoricalProposal): Answers; questions: number; cached: number; memos: Memos; policies: LoadedPolicies; cedar: MemoStats };

const INTAKE_ACTIONS: PolicyAction[] = ["propose", "auto_approve", "require_approvals"];
const DECISION_ACTIONS: PolicyAction[] = ["approve", "reject"];

/**
 * The policies that can answer a question about these actions (those naming
 * one of them, and those naming none), as text: Cedar only evaluates a policy
 * whose action scope matches the request, so two sets with the same text here
 * give the same answers (and the same ids and messages) to these questions.
 */
function relevantText(policies: LoadedPolicies, actions: PolicyAction[]): string {
  return JSON.stringify(
    policies.policies
      .filter((p) => p.actions.length === 0 || p.actions.some((a) => (actions as string[]).includes(a)))
      .map((p) => p.text)
      .sort(),
  );
}

/**
 * `shareWith`: an asker of another set (the live one) whose memo this one may
 * use for the questions the two sets answer alike. A candidate usually changes
 * one kind of question (a forbid on approve): its intake questions are then
 * the live set's, asked of Cedar once instead of twice.
 */
export function askerFor(policies: LoadedPolicies, shareWith?: Asker): Asker {
  // A policy naming one proposal (`Proposal::"…"`) makes the answer depend on the id.
  const idMatters = policies.policies.some((p) => p.text.includes("Proposal::"));
  const same = (actions: PolicyAction[]) => shareWith !== undefined && relevantText(shareWith.policies, actions) === relevantText(policies, actions);
  const intakeMemo = same(INTAKE_ACTIONS) ? shareWith!.memos.intake : new Map<string, IntakeAnswer>();
  const decisionMemo = same(DECISION_ACTIONS) ? shareWith!.memos.decision : new Map<string, DecisionAnswer>();
  // What this memo has not seen is asked through a second one, keyed on what the policies can observe.
  const { policies: projected, stats } = withProjectedMemo(policies);
  const asker: Asker = {
    policies,
    cedar: stats,
    memos: { intake: intakeMemo, decision: decisionMemo },
    questions: 0,
    cached: 0,
    answer(h) {
      const f = h.facts;
      const proposal = { queue: f.queueSlug, tier: f.tier, risk: f.risk, intent: f.intent, scopes: f.scopes, actorEmail: f.actorEmail };
      const intakeKey = JSON.stringify([h.agent.id, h.agent.name, h.agent.scopes, h.agent.sponsorId, proposal]);
      asker.questions += 3;
      let intake = intakeMemo.get(intakeKey);
      if (intake) asker.cached += 3;
      else {
        const facts = { agent: h.agent, proposal };
        const propose = authorizePropose(facts, projected);
        const outcome = intakeOutcome(facts, projected);
        intake = { proposeAllowed: propose.allowed, proposePolicies: propose.policies, status: outcome.status, requiredApprovals: outcome.requiredApprovals, policies: outcome.policies };
        intakeMemo.set(intakeKey, intake);
      }
      const decisions = h.decisions.map((d) => {
        const key = JSON.stringify([idMatters ? f.id : "", d.user.id, d.user.email, d.user.role, d.action, f.separationOfDuties, intakeKey]);
        asker.questions += 1;
        const hit = decisionMemo.get(key);
        if (hit) {
          asker.cached += 1;
          return hit;
        }
        const verdict = authorizeDecision({ user: d.user, action: d.action, proposal: f }, projected);
        const answer = { allowed: verdict.allowed, policies: verdict.policies, message: verdict.message };
        decisionMemo.set(key, answer);
        return answer;
      });
      return { intake, decisions };
    },
  };
  return asker;
}
