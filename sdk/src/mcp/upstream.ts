// The MCP server the gateway stands in front of: a child process spoken to
// over stdio, or a running server over Streamable HTTP.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { SDK_VERSION } from "../client.js";

export type UpstreamSpec =
  | { kind: "stdio"; command: string; args: string[]; cwd?: string; env?: Record<string, string | undefined> }
  | { kind: "http"; url: string; headers?: Record<string, string> };

/** Variables the upstream never needs and must not see: the agent's Countersign key. */
const WITHHELD = ["COUNTERSIGN_API_KEY"];

export async function connectUpstream(spec: UpstreamSpec): Promise<Client> {
  const client = new Client({ name: "countersign-mcp-gateway", version: SDK_VERSION }, { capabilities: {} });
  await client.connect(transportFor(spec));
  return client;
}

function transportFor(spec: UpstreamSpec): Transport {
  if (spec.kind === "http") {
    return new StreamableHTTPClientTransport(new URL(spec.url), spec.headers ? { requestInit: { headers: spec.headers } } : undefined);
  }
  // The upstream gets the gateway's environment (its own tokens are set where the
  // gateway is configured), minus Countersign's key: it could approve nothing, but
  // a tool server has no business proposing as the agent.
  const env = upstreamEnvironment(spec.env ?? process.env);
  return new StdioClientTransport({ command: spec.command, args: spec.args, env, stderr: "inherit", ...(spec.cwd ? { cwd: spec.cwd } : {}) });
}

export function upstreamEnvironment(from: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(from)) {
    if (value !== undefined && !WITHHELD.includes(name)) env[name] = value;
  }
  return env;
}

/** "Authorization: Bearer x" → ["Authorization", "Bearer x"]. */
export function parseHeader(text: string): [string, string] {
  const at = text.indexOf(":");
  if (at <= 0) throw new Error(`--upstream-header must be "Name: value" (got ${JSON.stringify(text)})`);
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}
