// Makes each request's TCP peer address readable by route handlers, server
// actions and proxy.ts, which Next.js 16 does not expose (no req.ip).
//
// Installed once from instrumentation.ts in the Node.js server: every HTTP
// request emitted by a node:http server gets a header holding
// socket.remoteAddress. The header's name carries a random token made at start,
// so a client cannot forge it: requests that arrive before installation simply
// have no peer address (lib/security/client-ip.ts then answers null).
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

const KEY = Symbol.for("countersign.peerAddressHeader");
type Holder = { [KEY]?: string };

/** The header name of this process, or null when the server did not install it (tests, the CLI). */
export function peerAddressHeader(): string | null {
  return (globalThis as Holder)[KEY] ?? null;
}

export async function installPeerAddressHeader(): Promise<void> {
  const holder = globalThis as Holder;
  if (holder[KEY]) return;
  const name = `x-countersign-peer-${randomBytes(12).toString("hex")}`;
  holder[KEY] = name;
  const http = await import("node:http");
  const emit = http.Server.prototype.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function patchedEmit(this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      const peer = request.socket?.remoteAddress;
      if (peer) request.headers[name] = peer;
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}
