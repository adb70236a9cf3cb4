import "server-only";
// An admin puts a policy set in force: stored as a new PolicyVersion with a
// `policies_applied` receipt (old and new digests) in the same transaction,
// then this process switches at once (others within the refresher's period).
// Restoring an earlier version applies its sources again, naming it.
import { AppError } from "@/lib/base/app-error";
import { db } from "@/lib/db/client";
import { adminActor, type AdminCaller } from "@/lib/users/admin-caller";
import { loadPolicyFiles } from "@/lib/policy/engine";
import { appendReceipt } from "@/lib/receipts/append-receipt";
import { policySetDigest } from "@/lib/policy/simulate/policy-set-digest";
import { refreshAppliedPolicies } from "@/lib/policy/versions/refresh-applied-policies";
import { checkPolicySources, policySourcesSchema, type PolicySources } from "@/lib/policy/versions/policy-sources";

export type AppliedVersion = { id: string; digest: string; previousDigest: string; policies: number; changed: boolean };

export async function applyPolicySet(caller: AdminCaller, input: { sources: PolicySources; reason: string; restoredFromId?: string }): Promise<AppliedVersion> {
  const actor = adminActor(caller);
  const reason = input.reason.trim();
  if (!reason) throw new AppError("invalid", "reason_required", "Say why the policies change: the reason goes into the receipt.");
  const sources = policySourcesSchema.parse(input.sources);
  const policies = checkPolicySources("candidate", sources);
  const digest = policySetDigest(policies);
  const applied = await db.$transaction(async (tx) => {
    const current = await tx.policyVersion.findFirst({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { digest: true } });
    const previousDigest = current?.digest ?? policySetDigest(loadPolicyFiles());
    const version = await tx.policyVersion.create({
      data: { digest, sources, previousDigest, restoredFromId: input.restoredFromId ?? null, reason, appliedBy: actor },
      select: { id: true },
    });
    await appendReceipt(tx, {
      kind: "policies_applied",
      actor,
      reason,
      payload: {
        version_id: version.id,
        old_digest: previousDigest,
        new_digest: digest,
        policies: policies.policies.map((p) => p.id),
        files: sources.map((s) => s.file),
        ...(input.restoredFromId ? { restored_from: input.restoredFromId } : {}),
      },
    });
    return { id: version.id, digest, previousDigest, policies: policies.policies.length, changed: digest !== previousDigest };
  });
  await refreshAppliedPolicies();
  return applied;
}

/** Applies an earlier version's sources again, as a new version that names it. */
export async function restorePolicyVersion(caller: AdminCaller, input: { id: string; reason: string }): Promise<AppliedVersion> {
  adminActor(caller);
  const earlier = await db.policyVersion.findUnique({ where: { id: input.id }, select: { id: true, sources: true } });
  if (!earlier) throw new AppError("not_found", "policy_version_not_found", `No applied policy version ${input.id}.`);
  return applyPolicySet(caller, { sources: policySourcesSchema.parse(earlier.sources), reason: input.reason, restoredFromId: earlier.id });
}
