import "server-only";
// Cedar's first questions are slow: measured, the first 100 decision
// questions of a process took about ten times as long as the 100 after the
// first 400 (V8 compiles the WebAssembly and the JavaScript around it as they
// run hot). A batch of 500 asks 500, so the first batch after a start paid
// about a second for it. Start-up (lib/start-up.ts) asks these made-up
// questions once, right after loading the policies, so no person's first batch
// waits for the compiler. The answers are thrown away: nothing is decided.
// Decisions' answers are remembered (askRemembered), and these made-up
// questions share a few dozen shapes, so they go to Cedar itself: the point is
// to run it, and to leave the memo to real questions.
import { authorizeDecision } from "@/lib/policy/engine";
import { ask } from "@/lib/policy/cedar-request";
import type { LoadedPolicies } from "@/lib/policy/load-policies";

export const WARM_UP_QUESTIONS = 600;

const ROLES = ["admin", "approver", "viewer"];
const ACTIONS = ["approve", "reject"] as const;

/** Asks the questions; returns how many were answered (a question Cedar refuses to answer ends the warm-up, harmlessly). */
export function warmUpPolicyEngine(policies: LoadedPolicies, questions = WARM_UP_QUESTIONS): number {
  let i = 0;
  const direct: LoadedPolicies = policies.answer ? policies : { ...policies, answer: (request) => ask(policies, request) };
  try {
    for (; i < questions; i++) warmUpQuestion(direct, i);
  } catch {
    // A policy set whose schema refuses these made-up facts: the real questions will warm it instead.
  }
  return i;
}

function warmUpQuestion(policies: LoadedPolicies, i: number): void {
  authorizeDecision(
    {
      user: { id: `warm-up-user-${i % 7}`, email: `warm-up-${i % 7}@example.invalid`, name: "warm-up", role: ROLES[i % ROLES.length]! },
      action: ACTIONS[i % 2]!,
      proposal: {
        id: `warm-up-${i}`,
        queueSlug: "warm-up",
        separationOfDuties: i % 2 === 0,
        tier: i % 3 === 0 ? "read" : "commit",
        risk: "medium",
        intent: "warm_up",
        scopes: [],
        sponsorId: `warm-up-user-${i % 5}`,
        actorEmail: i % 4 === 0 ? `warm-up-${i % 7}@example.invalid` : "",
      },
    },
    policies,
  );
}
