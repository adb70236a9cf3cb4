import "server-only";
// `policies:apply`, `policies:versions`, `policies:restore` on the command line.
import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/base/app-error";
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { applyPolicySet, restorePolicyVersion, type AppliedVersion } from "@/lib/policy/versions/apply-policy-set";
import { listPolicyVersions } from "@/lib/policy/versions/list-policy-versions";

function describe(v: AppliedVersion, verb: string): string[] {
  return [
    `${verb} policy version ${v.id}: ${v.policies} policies, digest ${v.digest} (was ${v.previousDigest})${v.changed ? "" : "; the rules are the same as before"}; recorded as a receipt.`,
    "Running servers switch within a few seconds.",
  ];
}

export async function policiesApplyCommand(dir: string, reason: string): Promise<string[]> {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith(".cedar")).sort();
  } catch (error) {
    throw new AppError("invalid", "policy_dir_unreadable", `cannot read ${dir}: ${(error as Error).message}`);
  }
  const sources = names.map((file) => ({ file, text: fs.readFileSync(path.join(dir, file), "utf8") }));
  return describe(await applyPolicySet(CLI_CALLER, { sources, reason }), "Applied");
}

export async function policiesRestoreCommand(id: string, reason: string): Promise<string[]> {
  return describe(await restorePolicyVersion(CLI_CALLER, { id, reason }), "Restored as");
}

export async function policiesVersionsCommand(): Promise<string[]> {
  const rows = await listPolicyVersions(CLI_CALLER);
  if (rows.length === 0) return ["No policy set was applied; the policy files are in force."];
  return rows.map((r, i) =>
    [`${i === 0 ? "*" : " "} ${r.id}`, r.createdAt.toISOString(), r.digest.slice(0, 12), r.appliedBy, r.restoredFromId ? `restores ${r.restoredFromId}` : "", r.reason].filter(Boolean).join("  "),
  );
}
