import { AppError } from "@/lib/base/app-error";
import { JsonResponse } from "@/lib/http/json-response";
import { unstorableTextError } from "@/lib/db/unstorable-text";
import { logger } from "@/lib/log";
import { recordRefusal } from "@/lib/security/record-refusal";
import { isRefusedStatus, ruleOf } from "@/lib/security/refusal-codes";
import { agentOfRequest } from "@/lib/security/request-agent";
import { clientIp } from "@/lib/security/client-ip";
import { newRefusalScope, runInRefusalScope } from "@/lib/security/refusal-scope";

/** A JSON answer (its text kept for the lean agent API: json-response.ts). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new JsonResponse(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** Turns any thrown value into the contract's error body; never leaks internals. */
export function errorResponse(thrown: unknown, requestId: string): Response {
  // A NUL in the request's text fails the database statement on PostgreSQL: the client's fault, a 400.
  const error = unstorableTextError(thrown) ?? thrown;
  if (error instanceof AppError) {
    const headers: Record<string, string> = { "x-request-id": requestId };
    if (typeof error.details.retry_after === "number") headers["retry-after"] = String(error.details.retry_after);
    return json({ error: { code: error.code, message: error.message, ...error.details } }, error.httpStatus, headers);
  }
  logger.error("unhandled error", { requestId, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  return json(
    { error: { code: "internal_error", message: `Something went wrong on our side. Request id: ${requestId}.`, request_id: requestId } },
    500,
    { "x-request-id": requestId },
  );
}

/** The route's dynamic segments (e.g. a proposal id), as the refusal's target. */
async function targetOf(args: unknown[]): Promise<string | null> {
  const params = (args[0] as { params?: Promise<Record<string, string | string[]>> } | undefined)?.params;
  if (!params) return null;
  const values = Object.values(await params).flat();
  return values.length ? values.join("/") : null;
}

/**
 * Every refused call (401, 403, and 404 to an authenticated agent) goes to the
 * security log, with the agent when the key identified one (lib/security/request-agent.ts).
 */
async function recordApiRefusal(error: AppError, request: Request, args: unknown[]): Promise<void> {
  const agent = agentOfRequest(request);
  if (!isRefusedStatus(error.httpStatus, !!agent)) return;
  await recordRefusal({
    actor: agent ? { type: "agent", id: agent.id, name: agent.name } : { type: "anonymous" },
    action: `${request.method} ${new URL(request.url).pathname}`,
    target: await targetOf(args).catch(() => null),
    code: error.code,
    rule: ruleOf(error.details, error.code),
    message: error.message,
    ip: clientIp(request.headers),
  });
}

/** Wraps a route handler so every failure takes the contract's shape. */
export function apiHandler<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<Response>,
): (request: Request, ...args: Args) => Promise<Response> {
  return async (request, ...args) => {
    const requestId = crypto.randomUUID();
    const scope = newRefusalScope();
    try {
      const response = await runInRefusalScope(scope, () => handler(request, ...args));
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      // Recorded once: here, unless the code that refused already did (with more detail).
      if (error instanceof AppError && scope.recorded === 0) await recordApiRefusal(error, request, args);
      return errorResponse(error, requestId);
    }
  };
}
