// Expected failures of the agent API: a status, a stable code and a message a
// person can act on. Anything else becomes a logged 500 with a request id.
import { AppError, kindOfStatus } from "@/lib/base/app-error";
import type { IssueDetail } from "@/lib/base/json-path";

export type { IssueDetail };

/** Transitional: an AppError named by its HTTP status. New code throws AppError. */
export class ApiError extends AppError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(kindOfStatus(status), code, message, details);
    this.name = "ApiError";
  }
}

export function invalidEnvelope(issues: IssueDetail[], message?: string) {
  // The first problem in the message too, for clients that show only the message.
  const first = issues[0] ? ` ${issues[0].path === "(body)" ? "The body" : issues[0].path} ${issues[0].message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}.` : "";
  return new ApiError(400, "invalid_envelope", message ?? `The proposal envelope is not valid.${first}`, { issues });
}
