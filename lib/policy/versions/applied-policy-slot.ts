// The policy set an admin applied, held for the engine's synchronous reads
// (intake and every decision ask Cedar without awaiting the database). Kept on
// globalThis: route handlers and server actions are bundled apart but share the
// process, and an applied set must reach both at once. No database import
// here, so the engine stays loadable by scripts/check-env.ts.
import type { LoadedPolicies } from "@/lib/policy/load-policies";

export type AppliedPolicySet = { versionId: string; digest: string; policies: LoadedPolicies };

const slot = globalThis as unknown as { countersignAppliedPolicies?: AppliedPolicySet | null };

/** The newest applied set this process knows, or null: then the files are in force. */
export function appliedPolicySet(): AppliedPolicySet | null {
  return slot.countersignAppliedPolicies ?? null;
}

export function setAppliedPolicySet(set: AppliedPolicySet | null): void {
  slot.countersignAppliedPolicies = set;
}
