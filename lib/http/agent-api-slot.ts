// Where the lean agent API waits for scripts/serve.mjs to pick it up: a
// function on globalThis under a registered symbol, because serve.mjs is a
// plain Node script outside Next's bundle and can only meet its code there.
// The same symbol is spelled out in scripts/serve.mjs.
import type { IncomingMessage, ServerResponse } from "node:http";
import { compileRoutes, findRoute, serveRoute, type AgentApiRoute } from "@/lib/http/agent-api-dispatch";

const SLOT = Symbol.for("countersign.agentApi");
/** Returns true when it took the request; false leaves it to Next.js. */
export type AgentApiListener = (req: IncomingMessage, res: ServerResponse) => boolean;

export function installAgentApi(routes: AgentApiRoute[]): void {
  const compiled = compileRoutes(routes);
  const listener: AgentApiListener = (req, res) => {
    const match = findRoute(compiled, req.method, req.url);
    if (!match) return false;
    void serveRoute(match, req, res).catch(() => {
      // Writing the answer failed (the socket is gone): nothing left to tell anyone.
      if (!res.headersSent) res.writeHead(500).end();
    });
    return true;
  };
  (globalThis as { [SLOT]?: AgentApiListener })[SLOT] = listener;
}
