// The invalid-envelope error every intake path throws, with the first problem in its message.
import { AppError } from "@/lib/base/app-error";
import type { IssueDetail } from "@/lib/base/json-path";

export type { IssueDetail };

export function invalidEnvelope(issues: IssueDetail[], message?: string) {
  // The first problem in the message too, for clients that show only the message.
  const first = issues[0] ? ` ${issues[0].path === "(body)" ? "The body" : issues[0].path} ${issues[0].message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}.` : "";
  return new AppError("invalid", "invalid_envelope", message ?? `The proposal envelope is not valid.${first}`, { issues });
}
