// A line on the gateway's stdin that is not a JSON-RPC 2.0 message (not JSON, a
// batch array, an object id, no "jsonrpc") was dropped without a word by the MCP
// SDK's stdio transport, and the client waited for an answer that never came.
// JSON-RPC 2.0 says: -32700 for a parse error, -32600 for an invalid request,
// id null. Played here over the real stdio transport on in-memory streams.
import { PassThrough } from "node:stream";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { answerInvalidMessages } from "./invalid-messages";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve() {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const server = new Server({ name: "probe", version: "1" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [] }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => ({ content: [{ type: "text", text: `ran ${request.params.name}` }] }));
  const transport = new StdioServerTransport(stdin, stdout);
  answerInvalidMessages(server, transport); // before connect, as the command does
  await server.connect(transport);
  close = () => server.close();
  const lines: unknown[] = [];
  let buffered = "";
  stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    for (let i = buffered.indexOf("\n"); i >= 0; i = buffered.indexOf("\n")) {
      lines.push(JSON.parse(buffered.slice(0, i)));
      buffered = buffered.slice(i + 1);
    }
  });
  const send = async (line: string) => {
    const before = lines.length;
    stdin.write(`${line}\n`);
    for (let i = 0; i < 200 && lines.length === before; i++) await new Promise((r) => setTimeout(r, 5));
    return lines[before];
  };
  return send;
}

describe("a line that is not a JSON-RPC 2.0 message", () => {
  it("is answered -32700 when it is not JSON, -32600 when it is not a request, and the session goes on", async () => {
    const send = await serve();
    expect(await send("{{{")).toEqual({ jsonrpc: "2.0", id: null, error: { code: -32700, message: expect.stringContaining("not JSON") } });
    for (const line of [
      '[{"jsonrpc":"2.0","id":1,"method":"tools/list"}]',
      '{"jsonrpc":"2.0","id":{"a":1},"method":"tools/list"}',
      '{"jsonrpc":"2.0","id":1.5,"method":"tools/list"}',
      '{"id":4,"method":"tools/list"}',
      "42",
    ]) {
      expect(await send(line), line).toEqual({ jsonrpc: "2.0", id: null, error: { code: -32600, message: expect.stringContaining("not a JSON-RPC 2.0") } });
    }
    expect(await send('{"jsonrpc":"2.0","id":7,"method":"tools/list"}')).toEqual({ jsonrpc: "2.0", id: 7, result: { tools: [] } });
    expect(await send('{"jsonrpc":"2.0","id":8,"method":"no/such"}')).toMatchObject({ id: 8, error: { code: -32601 } });
  });
});

describe("a tools/call whose params are not {name, arguments}", () => {
  it("is answered -32602 with a sentence naming what was wrong, not -32603 with the schema's raw report", async () => {
    const send = await serve();
    const cases: [string, string][] = [
      ['{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"pay","arguments":[1,2]}}', '"arguments" must be an object of named arguments; it was an array.'],
      ['{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"pay","arguments":"x"}}', "it was a string."],
      ['{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"arguments":{}}}', '"name" must be the tool\'s name as a string; it was missing.'],
      ['{"jsonrpc":"2.0","id":4,"method":"tools/call"}', "they were missing."],
    ];
    for (const [line, problem] of cases) {
      const id = (JSON.parse(line) as { id: number }).id;
      expect(await send(line), line).toEqual({ jsonrpc: "2.0", id, error: { code: -32602, message: expect.stringContaining(problem) } });
    }
    expect(await send('{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"pay","arguments":{"a":1}}}')).toEqual({
      jsonrpc: "2.0",
      id: 5,
      result: { content: [{ type: "text", text: "ran pay" }] },
    });
  });
});
