// Child process of wasm-call-guard.test.ts: intake's Cedar questions in a hot
// loop. Run with --deopt-every-n-times, which deoptimizes optimized code
// often: without the guard, Node 20 aborts here within a few hundred rounds.
import { authorizePropose, intakeOutcome, loadPolicies } from "@/lib/policy/engine";

const policies = loadPolicies();
const rounds = Number(process.argv[2] ?? 1500);
let allowed = 0;
for (let i = 0; i < rounds; i++) {
  const facts = {
    agent: { id: `agent-${i % 7}`, name: "stress", scopes: ["ap:read", "ap:write:draft", "ap:commit"], sponsorId: "sponsor" },
    proposal: { queue: "stress", tier: ["read", "draft", "commit"][i % 3]!, risk: ["low", "medium", "high", "critical"][i % 4]!, intent: "pay", scopes: ["ap:read", "ap:commit"], actorEmail: i % 2 ? "ops@example.com" : null },
  };
  if (authorizePropose(facts, policies).allowed) allowed++;
  intakeOutcome(facts, policies);
}
console.log(JSON.stringify({ rounds, allowed }));
