// Expected failures of the agent API: a status, a stable code and a message a
// person can act on. Anything else becomes a logged 500 with a request id.
export type IssueDetail = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function invalidEnvelope(issues: IssueDetail[], message?: string) {
  // The first problem in the message too, for clients that show only the message.
  const first = issues[0] ? ` ${issues[0].path === "(body)" ? "The body" : issues[0].path} ${issues[0].message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}.` : "";
  return new ApiError(400, "invalid_envelope", message ?? `The proposal envelope is not valid.${first}`, { issues });
}
