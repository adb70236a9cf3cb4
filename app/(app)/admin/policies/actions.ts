"use server";
// Server actions of the policy lab. authedAction re-reads the session; the lib
// functions check that the caller is an admin themselves. An invalid set is an
// answer here, not a failure: its problems (file:line:col) go back to the
// editor to be shown inline.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/authed-action";
import { adminActor } from "@/lib/users/admin-caller";
import { AppError } from "@/lib/base/app-error";
import type { PolicyProblem } from "@/lib/policy/load-policies";
import { simulatePolicies, MAX_DAYS } from "@/lib/policy/simulate/simulate-policies";
import { applyPolicySet, restorePolicyVersion } from "@/lib/policy/versions/apply-policy-set";
import { checkPolicySources, policySourcesSchema } from "@/lib/policy/versions/policy-sources";

const simulateInput = z.strictObject({ sources: policySourcesSchema, days: z.number().int().min(1).max(MAX_DAYS) });
const applyInput = z.strictObject({ sources: policySourcesSchema, reason: z.string().trim().min(1, "say why").max(2000) });
const restoreInput = z.strictObject({ id: z.string().min(1).max(100), reason: z.string().trim().min(1, "say why").max(2000) });

function problemsOf(error: unknown): PolicyProblem[] | null {
  return error instanceof AppError && error.code === "invalid_policies" ? (error.details.problems as PolicyProblem[]) : null;
}

export const simulatePoliciesAction = authedAction(simulateInput, async (admin, input) => {
  adminActor(admin); // before checking the set: a non-admin learns nothing from it
  try {
    const candidate = checkPolicySources("candidate", input.sources);
    return { report: await simulatePolicies(admin, { candidate, days: input.days }), problems: null };
  } catch (error) {
    const problems = problemsOf(error);
    if (problems) return { report: null, problems };
    throw error;
  }
}, { name: "admin.simulate_policies" });

export const applyPoliciesAction = authedAction(applyInput, async (admin, input) => {
  try {
    const applied = await applyPolicySet(admin, input);
    revalidatePath("/admin/policies");
    return { applied, problems: null };
  } catch (error) {
    const problems = problemsOf(error);
    if (problems) return { applied: null, problems };
    throw error;
  }
}, { name: "admin.apply_policies" });

export const restorePolicyVersionAction = authedAction(restoreInput, async (admin, input) => {
  const restored = await restorePolicyVersion(admin, input);
  revalidatePath("/admin/policies");
  return restored;
}, { name: "admin.restore_policy_version" });
