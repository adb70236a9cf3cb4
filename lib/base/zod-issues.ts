// Zod's issues as the API's issue details: the contract's path notation and a
// message a person reads. One rule for every body the API validates (the
// envelope, the small JSON bodies). Parse with `{ reportInput: true }`: Zod 4
// keeps an issue's input only when asked, and "missing" (no input) must be told
// apart from "there, but of the wrong type"; the input is never sent back.
import type { z } from "zod";
import { formatPath, type IssueDetail } from "@/lib/base/json-path";

/** Words an unknown field; the envelope names the field that was probably meant. */
export type UnknownFieldMessage = (parent: ReadonlyArray<PropertyKey>, key: string) => string;

export function issueDetails(issues: readonly z.core.$ZodIssue[], unknownField: UnknownFieldMessage = () => "is not a known field"): IssueDetail[] {
  const details: IssueDetail[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) details.push({ path: formatPath([...issue.path, key]), message: unknownField(issue.path, key) });
    } else if (issue.code === "invalid_type" && issue.input === undefined) {
      details.push({ path: formatPath(issue.path), message: "is required" });
    } else {
      details.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return details;
}
