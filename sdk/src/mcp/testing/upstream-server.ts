// The test shop (./shop.ts) as a program, the gateway's upstream command in
// the end-to-end tests: serves MCP on stdio and appends every call it receives
// as a JSON line to $UPSTREAM_CALLS_FILE.
import { appendFileSync } from "node:fs";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createShopServer } from "./shop.js";

const callsFile = process.env.UPSTREAM_CALLS_FILE;
const server = createShopServer((call) => {
  if (callsFile) appendFileSync(callsFile, `${JSON.stringify({ ...call, at: new Date().toISOString() })}\n`);
});
await server.connect(new StdioServerTransport());
