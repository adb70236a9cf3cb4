// npm run serve: the production server. Next.js serves the pages, server
// actions and every route as `next start` would; the agent API (/api/v1/*) is
// answered by its lean handler in the same process, which instrumentation.ts
// installs from Next's own bundle (lib/http/agent-api-dispatch.ts says why).
// One port, one start command. Options as `next start`: -p/--port (or PORT,
// default 3000) and -H/--hostname (or HOSTNAME, default every interface).
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  strict: true,
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME;
process.env.NODE_ENV = "production";

const app = next({ dev: false, port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare(); // runs instrumentation.ts: start-up checks, workers, and the lean agent API

// The same symbol as lib/http/agent-api-slot.ts; absent when LEAN_AGENT_API=false.
const AGENT_API = Symbol.for("countersign.agentApi");
const server = createServer((req, res) => {
  if (globalThis[AGENT_API]?.(req, res)) return;
  void handle(req, res);
});
// Longer than any client's or proxy's idle timeout: Node's default (5 s) resets
// a kept-alive connection a client is just reusing (docs/operations.md).
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  const shown = hostname && hostname !== "0.0.0.0" && hostname !== "::" ? hostname : "localhost";
  console.log(`Countersign ready on http://${shown}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
