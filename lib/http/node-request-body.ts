// The body of a request the lean agent API (agent-api-dispatch.ts) serves, read
// straight from Node's IncomingMessage instead of through a web ReadableStream.
// Wrapping each body in a stream, and pulling it through a reader, cost a few
// per cent of the server's CPU per proposal (bench:intake, docs/benchmarks.md).
// The dispatcher attaches a reader to the Request it builds (which then has no
// body of its own); lib/http/read-json.ts, the one place a request body is read,
// takes it. lib/http/request-body-readers.test.ts holds that rule.
import type { IncomingMessage } from "node:http";

/** The whole body, or null when it is larger than maxBytes (then the rest is dropped unread). */
export type NodeBodyReader = (maxBytes: number) => Promise<Buffer | null>;

// On globalThis: Next bundles route handlers separately, and one map must serve the dispatcher and every handler.
const READERS = Symbol.for("countersign.nodeRequestBodies");
const holder = globalThis as { [READERS]?: WeakMap<Request, NodeBodyReader> };
const readers = (holder[READERS] ??= new WeakMap());

export function attachNodeBody(request: Request, req: IncomingMessage): void {
  readers.set(request, (maxBytes) => readNodeBody(req, maxBytes));
}

/** The reader the dispatcher attached to this request, once: a body is read only once. */
export function takeNodeBody(request: Request): NodeBodyReader | undefined {
  const reader = readers.get(request);
  readers.delete(request);
  return reader;
}

function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (req.readableEnded) return resolve(Buffer.alloc(0));
    if (req.destroyed) return reject(new TypeError("the client closed the connection before the body ended"));
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) return void chunks.push(chunk);
      // Over the limit: stop reading but keep the socket open, so the answer (413) still
      // reaches the client; the dispatcher closes the connection after it (the body is incomplete).
      stop();
      req.on("error", () => {}); // the client may still abort the body nobody reads
      req.resume();
      resolve(null);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    // The client went away before the body ended (Node also emits an "aborted" error first on older versions).
    const onClose = () => {
      stop();
      if (!req.complete) reject(new TypeError("the client closed the connection before the body ended"));
    };
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}
