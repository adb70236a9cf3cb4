import { AppError } from "@/lib/base/app-error";
import { unstorableTextError } from "@/lib/db/unstorable-text";
import { logger } from "@/lib/log";
import { recordRefusal } from "@/lib/security/record-refusal";
import { isRefusedStatus, ruleOf } from "@/lib/security/refusal-codes";
import { agentOfRequest } from "@/lib/security/request-agent";
import { clientIp } from "@/lib/security/client-ip";
import { newRefusalScope, runInRefusalScope } from "@/lib/security/refusal-scope";

// The text each json() Response was made from. The lean agent API
// (agent-api-dispatch.ts) writes it to the socket as it is: reading it back
// through the Response's stream cost about 20 µs a request, 2-3 % of the
// server's thread at intake. A Response's body cannot change, so the text
// stays true; anyone else reads the body the standard way.
const jsonTexts = new WeakMap<Response, string>();

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const response = new Response(text, {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
  jsonTexts.set(response, text);
  return response;
}

/** The JSON text `response` was made from by json(), or undefined for any other Response. */
export function jsonTextOf(response: Response): string | undefined {
  return jsonTexts.get(response);
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
