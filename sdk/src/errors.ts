// One error type for everything the client refuses or the server answers with
// an error body ({"error": {"code", "message", "issues"?}}), so callers switch
// on `code` instead of parsing messages.

/** One problem in a refused envelope: where (a JSON path such as `plan.0.args`) and what. */
export type CountersignIssue = { path: string; message: string };

/**
 * Codes the client itself uses, next to the server's (`invalid_envelope`,
 * `scope_not_granted`, `not_found`, `rate_limited`, ...):
 * - `network_error`: the server could not be reached (after the retries);
 * - `invalid_response`: the server answered something that is not Countersign's JSON;
 * - `timeout`: `waitForDecision` ran out of `timeoutMs` while the proposal was still pending;
 * - `aborted`: the caller's AbortSignal fired.
 */
export type ClientErrorCode = "network_error" | "invalid_response" | "timeout" | "aborted";

export class CountersignError extends Error {
  override readonly name = "CountersignError";
  /** The server's error code, or one of ClientErrorCode. */
  readonly code: string;
  /** The HTTP status; 0 when no response was received. */
  readonly status: number;
  /** Validation problems, empty unless the server listed them. */
  readonly issues: CountersignIssue[];
  /** The parsed error body, for fields this type does not name. */
  readonly body: unknown;

  constructor(code: string, message: string, options: { status?: number; issues?: CountersignIssue[]; body?: unknown; cause?: unknown } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.code = code;
    this.status = options.status ?? 0;
    this.issues = options.issues ?? [];
    this.body = options.body;
  }

  /** Reads a server error body; anything unexpected becomes `invalid_response` with the status kept. */
  static fromResponse(status: number, body: unknown): CountersignError {
    const error = (body as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | null)?.error;
    if (error && typeof error.code === "string") {
      const issues = Array.isArray(error.issues)
        ? error.issues
            .filter((i): i is { path: unknown; message: unknown } => typeof i === "object" && i !== null)
            .map((i) => ({ path: String(i.path ?? ""), message: String(i.message ?? "") }))
        : [];
      const message = typeof error.message === "string" ? error.message : error.code;
      const detail = issues.length > 0 ? ` (${issues.map((i) => `${i.path || "(body)"}: ${i.message}`).join("; ")})` : "";
      return new CountersignError(error.code, `${message}${detail}`, { status, issues, body });
    }
    return new CountersignError("invalid_response", `Countersign answered HTTP ${status} without an error body.`, { status, body });
  }
}

export function isCountersignError(error: unknown, code?: string): error is CountersignError {
  return error instanceof CountersignError && (code === undefined || error.code === code);
}

/**
 * Thrown by a `gate` run function that finds the target changed since the
 * proposal (its version is no longer the one in `changes[].target.version`):
 * nothing was done. `gate` reports the execution as `stale` (the proposal
 * becomes failed, flagged "target changed") and returns status "stale"
 * instead of rethrowing; propose again with what the target holds now.
 */
export class StaleTargetError extends Error {
  override readonly name = "StaleTargetError";
  /** What the run found, recorded as the execution's result (e.g. `{ found_version: "etag-42" }`). */
  readonly details: unknown;

  constructor(message: string, details?: unknown) {
    super(message);
    this.details = details;
  }
}
