// The default intake policy of contract section 1: `read` and `write:draft`
// proposals are recorded and approved by policy at once; `commit` always waits
// for people. (The permissions issue moves these rules into Cedar policies.)
import type { Tier } from "@/lib/policy/scopes";

export const DEFAULT_POLICY_ID = "default-tiers";

export type IntakeOutcome =
  | { status: "pending"; reason: string }
  | { status: "approved"; reason: string; policyId: string };

export function intakeOutcome(tier: Tier): IntakeOutcome {
  if (tier === "commit") {
    return { status: "pending", reason: "commit-tier actions always need a human approval" };
  }
  return {
    status: "approved",
    policyId: DEFAULT_POLICY_ID,
    reason: `${tier}-tier proposals are approved by the default policy and recorded`,
  };
}
