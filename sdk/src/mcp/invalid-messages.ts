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
}
