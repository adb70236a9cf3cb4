import "server-only";
// Brings this process's applied policy set up to the newest row of
// PolicyVersion: at start-up, after an apply here, and every few seconds for
// sets applied by another instance. A stored set that no longer checks (an
// upgrade changed the schema) is logged and the last good set stays in force.
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { policySetDigest } from "@/lib/policy/simulate/policy-set-digest";
import { appliedPolicySet, setAppliedPolicySet } from "@/lib/policy/versions/applied-policy-slot";
import { checkPolicySources, policySourcesSchema } from "@/lib/policy/versions/policy-sources";

export async function refreshAppliedPolicies(): Promise<void> {
  const newest = await db.policyVersion.findFirst({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, sources: true } });
  if (!newest) {
    setAppliedPolicySet(null);
    return;
  }
  if (appliedPolicySet()?.versionId === newest.id) return;
  try {
    const policies = checkPolicySources(`policy version ${newest.id}`, policySourcesSchema.parse(newest.sources));
    setAppliedPolicySet({ versionId: newest.id, digest: policySetDigest(policies), policies });
  } catch (error) {
    logger.error("the newest applied policy set does not check; the previous set stays in force", { version: newest.id, error: (error as Error).message });
  }
}

/** Polls for sets applied elsewhere (every instance reads the same table). */
export function startPolicyRefresher(seconds: number): void {
  const tick = () => refreshAppliedPolicies().catch((error: unknown) => logger.error("policy refresh failed", { error: (error as Error).message }));
  setInterval(tick, seconds * 1000).unref();
}
