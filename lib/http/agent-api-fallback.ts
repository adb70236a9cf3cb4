// What the agent API answers when no route takes a request: a path that is not
// in it (404), or a method its route does not have (405, with Allow). Both in
// the contract's error shape, so an agent's client reads JSON either way
// instead of an HTML page. Used by the lean handler (agent-api-dispatch.ts)
// and by the catch-all route app/api/v1/[...path] when Next.js serves the API.
//
// HEAD is never served: Next.js would answer it by running GET, and
// GET /api/v1/proposals/{id} issues an approval token; a HEAD would issue one
// that nobody sees, and spend the agent's token allowance.
import { json } from "@/lib/http/respond";

const OPENAPI = "/api/v1/openapi.json";
/** A path is echoed in the message up to this length. */
const SHOWN_PATH = 200;

function shown(path: string): string {
  return path.length > SHOWN_PATH ? `${path.slice(0, SHOWN_PATH)}…` : path;
}

function answer(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  const requestId = crypto.randomUUID();
  return json({ error: { code, message, request_id: requestId } }, status, { "x-request-id": requestId, ...headers });
}

/** No such path in the agent API. */
export function agentApiNotFound(method: string, path: string): Response {
  return answer(404, "not_found", `The agent API has no ${method} ${shown(path)}; its paths are described at ${OPENAPI}.`);
}

/** The path exists, but not with this method. */
export function agentApiMethodNotAllowed(method: string, path: string, allowed: readonly string[]): Response {
  const list = allowed.join(", ");
  return answer(405, "method_not_allowed", `${shown(path)} does not take ${method}; it takes ${list}.`, { allow: list });
}
