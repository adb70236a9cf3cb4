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

export function invalidEnvelope(issues: IssueDetail[], message = "The proposal envelope is not valid.") {
  return new ApiError(400, "invalid_envelope", message, { issues });
}
