// Serves the agent API (/api/v1/*) straight from node:http, in the same process
// as Next.js and through the very same route handlers (app/api/v1/routes.ts),
// without Next.js's request pipeline in between. Measured with bench:intake:
// that pipeline cost about 4 ms of server CPU per proposal, a quarter of the
// whole request (docs/benchmarks.md). scripts/serve.mjs calls this for every
// request whose path starts with /api/v1/. An unknown path gets a JSON 404 and
// a method the route does not export (HEAD too) a JSON 405
// (agent-api-fallback.ts); only OPTIONS goes on to Next.js.
//
// Installed from instrumentation.ts, i.e. inside Next's own server bundle, so
// the handlers share every module and in-process state with pages and server
// actions (one database client, one policy engine, one rate limiter).
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorResponse, json } from "@/lib/http/respond";
import { JsonResponse } from "@/lib/http/json-response";
import { agentApiMethodNotAllowed, agentApiNotFound } from "@/lib/http/agent-api-fallback";
import { attachNodeBody } from "@/lib/http/node-request-body";
import { agentApiResponseHeaders } from "@/lib/security/response-security-headers";

type RouteContext = { params: Promise<Record<string, string>> };
type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;
/** A route file's exports (GET, POST, ... and anything else, which is ignored). */
export type RouteModule = Record<string, unknown>;
/** `path` uses `:name` for a dynamic segment, e.g. /api/v1/proposals/:id. */
export type AgentApiRoute = { path: string; module: RouteModule };

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
const PREFIX = "/api/v1/";

type CompiledRoute = { pattern: RegExp; names: string[]; handlers: Map<string, RouteHandler> };
export type RouteMatch = { handler: RouteHandler; params: Record<string, string> };
/** A path segment that is not valid percent-encoding (e.g. %E0%A4%A): a 400, where Next.js answered 500. */
export const MALFORMED_PATH = "malformed-path";

export function compileRoutes(routes: AgentApiRoute[]): CompiledRoute[] {
  return routes.map(({ path, module }) => {
    const names: string[] = [];
    const source = path
      .split("/")
      .map((segment) => {
        if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(segment.slice(1));
        return "([^/]+)";
      })
      .join("/");
    const handlers = new Map<string, RouteHandler>();
    for (const [name, value] of Object.entries(module)) {
      if (METHODS.has(name) && typeof value === "function") handlers.set(name, value as RouteHandler);
    }
    return { pattern: new RegExp(`^${source}$`), names, handlers };
  });
}

/**
 * The handler and decoded params for this method and request target (a 404 or
 * 405 answer's handler when no route takes it), or null when Next.js should
 * answer: a path outside the agent API, or OPTIONS.
 */
export function findRoute(routes: CompiledRoute[], method: string | undefined, target: string | undefined): RouteMatch | typeof MALFORMED_PATH | null {
  if (!method || method === "OPTIONS" || !target?.startsWith(PREFIX)) return null;
  const query = target.indexOf("?");
  const path = query === -1 ? target : target.slice(0, query);
  for (const route of routes) {
    const found = route.pattern.exec(path);
    if (!found) continue;
    const handler = route.handlers.get(method);
    if (!handler) return { handler: async () => agentApiMethodNotAllowed(method, path, [...route.handlers.keys()]), params: {} };
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1]!)));
    } catch {
      return MALFORMED_PATH;
    }
    return { handler, params };
  }
  return { handler: async () => agentApiNotFound(method, path), params: {} };
}

/** Turns the Node request into a web Request (its body read on demand from `req`), runs the handler, and writes its Response. */
export async function serveRoute(match: RouteMatch | typeof MALFORMED_PATH, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (match === MALFORMED_PATH) {
    req.resume();
    return writeResponse(json({ error: { code: "bad_request", message: "The request path is not valid percent-encoding." } }, 400), res);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  // The long poll (GET /api/v1/proposals/:id?wait=N) stops when the client goes away. Only reads
  // wait, so only they get a signal of their own (each AbortController costs a little on every request).
  const aborted = hasBody ? null : new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) aborted?.abort();
  });
  let response: Response;
  try {
    // Only the path and query are ever read from request.url; the origin is a placeholder, never the Host header.
    // The body is not on the Request: lib/http/read-json.ts reads it straight from `req` (node-request-body.ts says why).
    const request = new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      ...(aborted ? { signal: aborted.signal } : {}),
    });
    if (hasBody) attachNodeBody(request, req);
    response = await match.handler(request, { params: Promise.resolve(match.params) });
  } catch (error) {
    // Route handlers answer their own errors (lib/http/respond.ts apiHandler); this is the dispatcher's last guard.
    response = error instanceof TypeError ? json({ error: { code: "bad_request", message: "The request could not be read." } }, 400) : errorResponse(error, crypto.randomUUID());
  }
  // A client gone away hears nothing (a write would fail); a write after a POST's client left is harmless.
  if (aborted?.signal.aborted || res.destroyed) return;
  // A body the handler stopped reading (e.g. over the size limit) would be read as the next request: close after answering.
  if (!req.complete) res.setHeader("connection", "close");
  await writeResponse(response, res);
}

/** Every agent API answer is a small JSON document: written whole, with the security headers proxy.ts gives the agent API. */
async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  // A json() answer is written from its text; its body stream is never made (json-response.ts). As a
  // string, Node writes it in one piece with the head (a Buffer goes as a second one, through writev).
  const body = response instanceof JsonResponse ? response.jsonText : Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string | string[]> = {
    ...agentApiResponseHeaders(),
    // As next.config.mjs sends with every response Next.js serves.
    "X-Robots-Tag": "noindex, nofollow",
  };
  response.headers.forEach((value, name) => (headers[name] = value));
  headers["content-length"] = String(Buffer.byteLength(body));
  res.writeHead(response.status, headers);
  res.end(body);
}
