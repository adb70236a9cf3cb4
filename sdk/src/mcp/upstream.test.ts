// The upstream over Streamable HTTP (--upstream-url): the test shop served by
// the MCP SDK's own HTTP transport on a local port, reached with a header.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectUpstream, parseHeader, upstreamEnvironment } from "./upstream";
import { createShopServer, UPSTREAM_TOOLS } from "./testing/shop";

let http: HttpServer;
let url: string;
const seen: Array<string | undefined> = [];
const calls: Array<{ name: string; args: Record<string, unknown> }> = [];

beforeAll(async () => {
  http = createServer(async (req, res) => {
    seen.push(req.headers.authorization);
    // Stateless: a server and transport per request, as the MCP SDK's examples do.
    const server = createShopServer((call) => calls.push(call));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => void transport.close());
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => http.close(() => resolve()));
});

describe("connectUpstream over Streamable HTTP", () => {
  it("lists and calls the upstream's tools, sending the configured headers", async () => {
    const client = await connectUpstream({ kind: "http", url, headers: { Authorization: "Bearer upstream-token" } });
    expect((await client.listTools()).tools).toEqual(UPSTREAM_TOOLS);
    const result = await client.callTool({ name: "search_orders", arguments: { query: "x" } });
    expect(result.content).toEqual([{ type: "text", text: '2 orders match "x": A-1, A-2' }]);
    expect(calls).toEqual([{ name: "search_orders", args: { query: "x" } }]);
    expect(seen.every((h) => h === "Bearer upstream-token")).toBe(true);
    await client.close();
  });
});

describe("parseHeader", () => {
  it("splits at the first colon and refuses a header without one", () => {
    expect(parseHeader("Authorization: Bearer a:b")).toEqual(["Authorization", "Bearer a:b"]);
    expect(() => parseHeader("Authorization")).toThrow(/must be "Name: value"/);
  });
});

describe("upstreamEnvironment", () => {
  it("passes the gateway's environment to a command upstream, except the Countersign key", () => {
    expect(upstreamEnvironment({ PATH: "/bin", GITHUB_TOKEN: "gh", COUNTERSIGN_URL: "http://c", COUNTERSIGN_API_KEY: "secret", EMPTY: undefined })).toEqual({
      PATH: "/bin",
      GITHUB_TOKEN: "gh",
      COUNTERSIGN_URL: "http://c",
    });
  });
});
