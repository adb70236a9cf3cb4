// One name for a policy set's content: SHA-256 over the canonical JSON of
// {policy id: policy text}. Comments and file layout do not change it; any
// change to a rule does. Receipts of applied sets carry it.
import { digestOf } from "@/lib/base/canonical-json";
import type { LoadedPolicies } from "@/lib/policy/load-policies";

export function policySetDigest(policies: LoadedPolicies): string {
  return digestOf(Object.fromEntries(policies.policies.map((p) => [p.id, p.text])));
}
