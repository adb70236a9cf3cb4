// What the gateway adds to a read-only call: N calls of the test shop's
// search_orders straight to the shop, then N through `countersign-mcp gateway`
// (propose as <domain>:read, approved by policy, call, report the execution),
// against a running Countersign. Prints median and p95 of each.
//   COUNTERSIGN_URL=… COUNTERSIGN_API_KEY=… npx tsx sdk/src/mcp/testing/measure.ts [N] [queue] [domain]
// GATEWAY_BIN=sdk/dist/mcp/cli.js runs the built command with node instead of the source with tsx.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = path.resolve("node_modules/.bin/tsx");
const upstream = path.join(here, "upstream-server.ts");
const cli = path.join(here, "..", "cli.ts");
const [n = "50", queue = "accounts-payable", domain = "ap"] = process.argv.slice(2);

async function timeCalls(args: string[], count: number, command = tsx, prefix: string[] = []): Promise<number[]> {
  const client = new Client({ name: "measure", version: "1" });
  await client.connect(new StdioClientTransport({ command, args: [...prefix, ...args], env: process.env as Record<string, string>, stderr: "ignore" }));
  await client.callTool({ name: "search_orders", arguments: { query: "warm-up" } });
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const result = await client.callTool({ name: "search_orders", arguments: { query: `q${i}` } });
    if (result.isError) throw new Error(JSON.stringify(result.content));
    times.push(performance.now() - started);
  }
  await client.close();
  return times;
}

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms (${times.length} calls)`;
};

const direct = await timeCalls([upstream], Number(n));
const gatewayArgs = ["gateway", "--queue", queue, "--domain", domain, "--", tsx, upstream];
const bin = process.env.GATEWAY_BIN;
const gated = bin
  ? await timeCalls(gatewayArgs, Number(n), process.execPath, [path.resolve(bin)])
  : await timeCalls([cli, ...gatewayArgs], Number(n));
console.log(`direct to the upstream:       ${stats(direct)}`);
console.log(`through the gateway (read):   ${stats(gated)}${bin ? ` [${bin}]` : ""}`);
