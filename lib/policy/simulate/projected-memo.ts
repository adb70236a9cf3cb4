import "server-only";
// The policy set as the simulation asks it: each Cedar question is first
// looked up by what the set's policies for that action can observe of the
// request (projected-key.ts). On a history of 100,000 proposals the live and
// the candidate set then ask Cedar a few hundred times instead of about
// 15,000 (each a crossing into WebAssembly with the request's entities as
// JSON, most of the simulation's CPU before). The engine's own functions still
// build every request and read every answer, so messages and quorums come out
// exactly as they would live.
import { ask, type CedarAnswer, type CedarRequest } from "@/lib/policy/cedar-request";
import type { LoadedPolicies, PolicyAction } from "@/lib/policy/load-policies";
import { policyReads, type PolicyReads } from "@/lib/policy/policy-reads";
import { projectedKey } from "@/lib/policy/projected-key";

export type MemoStats = { asked: number; cedar: number };

export function withProjectedMemo(policies: LoadedPolicies): { policies: LoadedPolicies; stats: MemoStats } {
  const stats: MemoStats = { asked: 0, cedar: 0 };
  const byAction = new Map<PolicyAction, { reads: PolicyReads; answers: Map<string, CedarAnswer> }>();
  const plain = { ...policies, answer: undefined };
  const answer = (request: CedarRequest): CedarAnswer => {
    stats.asked += 1;
    let memo = byAction.get(request.action);
    if (!memo) {
      memo = { reads: policyReads(policies, request.action), answers: new Map() };
      byAction.set(request.action, memo);
    }
    // An opaque set is not remembered here: its key would be the whole request (the caller's memo covers repeats).
    if (memo.reads.opaque) {
      stats.cedar += 1;
      return ask(plain, request);
    }
    const key = projectedKey(request, memo.reads);
    let found = memo.answers.get(key);
    if (!found) {
      stats.cedar += 1;
      found = ask(plain, request);
      memo.answers.set(key, found);
    }
    // Copies: the engine hands these arrays on. (`errors`, which the engine only logs, name the first request's entities.)
    return { allowed: found.allowed, determining: [...found.determining], errors: [...found.errors] };
  };
  return { policies: { ...policies, answer }, stats };
}
