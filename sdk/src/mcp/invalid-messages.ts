// Answers the lines of a stdio MCP session that are not JSON-RPC 2.0 messages.
// The MCP SDK's stdio transport drops such a line and only reports it to
// `onerror`: a client that sent one (invalid JSON, a batch array, an object or
// fractional id, no "jsonrpc") waited forever for its answer. JSON-RPC 2.0
// (section 5.1) wants -32700 for a parse error and -32600 for an invalid
// request, with id null since the id could not be read. Every other error
// keeps going where it went before.
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;
const INVALID_PARAMS = -32602;

/** Before or after `server.connect(transport)`: the server's `onerror` is read when an error comes. */
export function answerInvalidMessages(server: Server, transport: Transport): void {
  const previous = server.onerror;
  server.onerror = (error) => {
    previous?.(error);
    const answer =
      error instanceof SyntaxError
        ? { code: PARSE_ERROR, message: "Parse error: the line is not JSON (send one JSON-RPC 2.0 message per line)." }
        : error.name === "ZodError" // the transport's check of the message's shape (JSONRPCMessageSchema)
          ? { code: INVALID_REQUEST, message: 'Invalid Request: the line is not a JSON-RPC 2.0 message ({"jsonrpc": "2.0", "id": <string or integer>, "method", …}; one per line, no batches).' }
          : null;
    if (!answer) return;
    // id null is what JSON-RPC prescribes here; the SDK's types do not foresee it.
    void transport.send({ jsonrpc: "2.0", id: null, error: answer } as unknown as JSONRPCMessage).catch(() => undefined);
  };
  answerInvalidToolCalls(transport);
}

/**
 * A tools/call whose params are not `{name: string, arguments?: object}` (say,
 * arguments as an array) failed the SDK's schema inside the request handler,
 * which answered -32603 "internal error" with the schema library's raw report.
 * It is the caller's mistake: -32602 with a sentence, before the handler.
 */
function answerInvalidToolCalls(transport: Transport): void {
  const start = transport.start.bind(transport);
  // Server.connect sets onmessage and then starts the transport: wrapped in between.
  transport.start = async () => {
    const deliver = transport.onmessage;
    transport.onmessage = (message, extra) => {
      const problem = toolCallProblem(message);
      if (!problem) return deliver?.(message, extra);
      const { id } = message as { id: string | number };
      void transport.send({ jsonrpc: "2.0", id, error: { code: INVALID_PARAMS, message: `Invalid params: ${problem}` } }).catch(() => undefined);
    };
    return start();
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function kind(value: unknown): string {
  if (value === undefined) return "missing";
  return value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

/** What is wrong with a tools/call request's params, or null (also for anything that is not a tools/call request). */
function toolCallProblem(message: JSONRPCMessage): string | null {
  if (!("method" in message) || message.method !== "tools/call" || !("id" in message)) return null;
  const { params } = message as { params?: unknown };
  if (!isObject(params)) return `tools/call takes params {"name": string, "arguments": object}; they were ${kind(params)}.`;
  if (typeof params.name !== "string") return `tools/call's "name" must be the tool's name as a string; it was ${kind(params.name)}.`;
  if (params.arguments !== undefined && !isObject(params.arguments)) return `tools/call's "arguments" must be an object of named arguments; it was ${kind(params.arguments)}.`;
  return null;
}
