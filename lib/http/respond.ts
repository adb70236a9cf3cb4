import { ApiError } from "@/lib/http/api-error";
import { logger } from "@/lib/log";

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** Turns any thrown value into the contract's error body; never leaks internals. */
export function errorResponse(error: unknown, requestId: string): Response {
  if (error instanceof ApiError) {
    const headers: Record<string, string> = { "x-request-id": requestId };
    if (typeof error.details.retry_after === "number") headers["retry-after"] = String(error.details.retry_after);
    return json({ error: { code: error.code, message: error.message, ...error.details } }, error.status, headers);
  }
  logger.error("unhandled error", { requestId, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  return json(
    { error: { code: "internal_error", message: `Something went wrong on our side. Request id: ${requestId}.`, request_id: requestId } },
    500,
    { "x-request-id": requestId },
  );
}

/** Wraps a route handler so every failure takes the contract's shape. */
export function apiHandler<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<Response>,
): (request: Request, ...args: Args) => Promise<Response> {
  return async (request, ...args) => {
    const requestId = crypto.randomUUID();
    try {
      const response = await handler(request, ...args);
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}
