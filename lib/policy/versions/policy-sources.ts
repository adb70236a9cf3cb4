// A policy set as stored and applied: named .cedar texts, checked exactly as
// the files at start-up are. Invalid ones become an AppError whose details
// carry each problem's file, line and column, for the editor to show inline.
import { z } from "zod";
import { AppError } from "@/lib/base/app-error";
import { PolicyError, loadPolicySources, type LoadedPolicies } from "@/lib/policy/load-policies";

export const MAX_POLICY_FILES = 20;
export const MAX_POLICY_BYTES = 256 * 1024;

export const policySourcesSchema = z
  .array(
    z.strictObject({
      file: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}\.cedar$/, "a file name like rules.cedar (letters, digits, dots, dashes)"),
      text: z.string().max(MAX_POLICY_BYTES, `at most ${MAX_POLICY_BYTES} characters per file`),
    }),
  )
  .min(1, "give at least one .cedar file")
  .max(MAX_POLICY_FILES, `at most ${MAX_POLICY_FILES} files`)
  .refine((files) => new Set(files.map((f) => f.file)).size === files.length, "file names must be unique");
export type PolicySources = z.infer<typeof policySourcesSchema>;

/** Checks the sources; throws AppError("invalid", "invalid_policies") with details.problems. */
export function checkPolicySources(label: string, sources: PolicySources): LoadedPolicies {
  try {
    return loadPolicySources(label, sources);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    throw new AppError("invalid", "invalid_policies", error.message, { problems: error.problems });
  }
}
