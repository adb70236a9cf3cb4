// The one error type of the product. Domain code throws it with a stable code
// and a message a person can act on; each caller translates it for its own
// audience: route handlers to an HTTP status (lib/http/respond.ts), server
// actions to a failed result (lib/actions/authed-action.ts), the CLI to a
// message and exit code 1 (scripts/cli.ts). The base layer imports no domain.

/** What kind of failure it is; each caller maps the kind, never the code. */
export type ErrorKind =
  | "invalid" // the input is wrong (HTTP 400)
  | "unauthenticated" // no or bad credentials (401)
  | "forbidden" // a known caller may not do this (403)
  | "not_found" // no such thing, or not visible to the caller (404)
  | "conflict" // the state moved on: already decided, version changed (409)
  | "unprocessable" // well-formed, but cannot be honoured as sent: an Idempotency-Key reused with another body (422)
  | "too_large" // the body or a part of it is over a limit (413)
  | "unsupported_media" // wrong content type (415)
  | "rate_limited" // too many requests; details.retry_after in seconds (429)
  | "unavailable"; // a dependency is down or the server is shutting down (503)

export const HTTP_STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** The kind an HTTP status stands for (for translating errors from HTTP-shaped code). */
export function kindOfStatus(status: number): ErrorKind {
  const found = (Object.keys(HTTP_STATUS_OF_KIND) as ErrorKind[]).find((kind) => HTTP_STATUS_OF_KIND[kind] === status);
  if (!found) throw new Error(`no error kind for HTTP status ${status}`);
  return found;
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable, snake_case, part of the outside contract (e.g. "queue_not_allowed"). */
    readonly code: string,
    message: string,
    /** Extra fields for the caller (issues, retry_after, rule, ...); JSON-safe. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get httpStatus(): number {
    return HTTP_STATUS_OF_KIND[this.kind];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
