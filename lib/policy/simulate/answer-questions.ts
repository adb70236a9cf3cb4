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
export type Asker = { answer(h: HistoricalProposal): Answers; questions: number; cached: number; memos: Memos; policies: LoadedPolicies; cedar: MemoStats; keys: IntakeKeys };

/**
 * A proposal's intake facts as a memo key, made once per proposal for every
 * asker that shares it, with a short number standing for it in decision keys
 * (a decision key used to repeat the whole text: most of the CPU left once
 * Cedar is asked rarely).
 */
type IntakeKeys = { of(h: HistoricalProposal): { text: string; n: number } };

function intakeKeys(): IntakeKeys {
  const numbers = new Map<string, number>();
  let last: HistoricalProposal | undefined;
  let lastKey = { text: "", n: 0 };
  return {
    of(h) {
      // The live set's asker and the candidate's ask about the same proposal one after the other.
      if (h === last) return lastKey;
      const f = h.facts;
      const text = JSON.stringify([h.agent.id, h.agent.name, h.agent.scopes, h.agent.sponsorId, f.queueSlug, f.tier, f.risk, f.intent, f.scopes, f.actorEmail]);
      let n = numbers.get(text);
      if (n === undefined) {
        n = numbers.size;
        numbers.set(text, n);
      }
      last = h;
      lastKey = { text, n };
      return lastKey;
    },
  };
}

/** Unambiguous without quoting: every part but the last is fixed-form or carries its length. */
const sized = (text: string) => `${text.length}:${text}`;

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
  const keys = shareWith?.keys ?? intakeKeys();
  const asker: Asker = {
    policies,
    cedar: stats,
    keys,
    memos: { intake: intakeMemo, decision: decisionMemo },
    questions: 0,
    cached: 0,
    answer(h) {
      const f = h.facts;
      const intakeKey = keys.of(h);
      asker.questions += 3;
      let intake = intakeMemo.get(intakeKey.text);
      if (intake) asker.cached += 3;
      else {
        const proposal = { queue: f.queueSlug, tier: f.tier, risk: f.risk, intent: f.intent, scopes: f.scopes, actorEmail: f.actorEmail };
        const facts = { agent: h.agent, proposal };
        const propose = authorizePropose(facts, projected);
        const outcome = intakeOutcome(facts, projected);
        intake = { proposeAllowed: propose.allowed, proposePolicies: propose.policies, status: outcome.status, requiredApprovals: outcome.requiredApprovals, policies: outcome.policies };
        intakeMemo.set(intakeKey.text, intake);
      }
      const decisions = h.decisions.map((d) => {
        const u = d.user;
        const key = `${intakeKey.n} ${d.action} ${f.separationOfDuties ? 1 : 0} ${sized(idMatters ? f.id : "")}${sized(u.role)}${sized(u.id)}${sized(u.name)}${u.email}`;
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
