#!/usr/bin/env node
// countersign-mcp: the MCP approval gateway and Claude Code's permission
// prompt, as one command. Its stdout is the MCP channel, so everything meant
// for a person goes to stderr.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { Countersign, SDK_VERSION } from "../client.js";
import { ActorError, resolveActor } from "./actor.js";
import { checkConfig, ConfigError, DOMAIN_PATTERN, parseConfig, type GatewayConfig } from "./config.js";
import { createGateway, serveGateway } from "./gateway.js";
import { answerInvalidMessages } from "./invalid-messages.js";
import { createPermissionPrompt } from "./permission-prompt.js";
import { connectUpstream, parseHeader, type UpstreamSpec } from "./upstream.js";

const USAGE = `countersign-mcp ${SDK_VERSION}: human approval for MCP tool calls, through Countersign.

Usage:
  countersign-mcp gateway --queue <slug> --domain <scope domain> [options] -- <upstream command> [args...]
  countersign-mcp gateway --queue <slug> --domain <scope domain> [options] --upstream-url <http(s) URL>
  countersign-mcp permission-prompt --queue <slug> --domain <scope domain> [options]

Options:
  --config <file>              tools.json: per-tool scope or tier, queue, title template, risk
  --actor-email <email>        whom the calls act for (else COUNTERSIGN_ACTOR_EMAIL, the config's actor, or this OS user)
  --upstream-url <url>         an upstream MCP server over Streamable HTTP instead of a command
  --upstream-header "N: v"     a header for --upstream-url (repeatable), e.g. "Authorization: Bearer ..."
  --progress-seconds <n>       seconds between progress notifications while a call waits (default 5)
  --wait-timeout-seconds <n>   stop waiting after n seconds and answer "still pending" (default: wait for the decision)
  -h, --help, --version

Environment:
  COUNTERSIGN_URL        the Countersign server, e.g. https://countersign.example.com   (required)
  COUNTERSIGN_API_KEY    the agent's API key (npm run cli -- agent:create ...)          (required)
  COUNTERSIGN_ACTOR_EMAIL  optional, see --actor-email`;

class UsageError extends Error {}

async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  if (command === "--version") {
    process.stdout.write(`${SDK_VERSION}\n`);
    return;
  }
  if (command !== "gateway" && command !== "permission-prompt") throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);

  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      queue: { type: "string" },
      domain: { type: "string" },
      config: { type: "string" },
      "actor-email": { type: "string" },
      "upstream-url": { type: "string" },
      "upstream-header": { type: "string", multiple: true },
      "progress-seconds": { type: "string" },
      "wait-timeout-seconds": { type: "string" },
    },
  });
  if (!values.queue) throw new UsageError("--queue <slug> is required: the Countersign queue the calls go to.");
  if (!values.domain) throw new UsageError("--domain <scope domain> is required, e.g. --domain payments (calls become payments:read or payments:commit).");
  if (!DOMAIN_PATTERN.test(values.domain)) throw new UsageError(`--domain must be a lowercase scope domain such as "ap" or "github" (got ${JSON.stringify(values.domain)}).`);
  const progressIntervalMs = seconds(values["progress-seconds"], "--progress-seconds") ?? 5000;
  const waitTimeoutMs = seconds(values["wait-timeout-seconds"], "--wait-timeout-seconds");

  const baseUrl = env.COUNTERSIGN_URL?.trim();
  const apiKey = env.COUNTERSIGN_API_KEY?.trim();
  const missing = [!baseUrl && "COUNTERSIGN_URL", !apiKey && "COUNTERSIGN_API_KEY"].filter(Boolean);
  if (missing.length > 0) {
    throw new UsageError(
      `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set. Set COUNTERSIGN_URL to your Countersign server and COUNTERSIGN_API_KEY to an agent key (npm run cli -- agent:create ... prints one).`,
    );
  }
  try {
    new URL(baseUrl!);
  } catch {
    throw new UsageError(`COUNTERSIGN_URL is not a URL: ${JSON.stringify(baseUrl)}.`);
  }

  const config = values.config ? readConfig(values.config) : checkConfig({});
  const actor = resolveActor(values["actor-email"] ?? env.COUNTERSIGN_ACTOR_EMAIL, config);
  const countersign = new Countersign({ baseUrl: baseUrl!, apiKey: apiKey! });
  const log = (line: string) => process.stderr.write(`countersign-mcp: ${line}\n`);
  const common = { countersign, domain: values.domain, queue: values.queue, config, actor, progressIntervalMs, log, ...(waitTimeoutMs !== undefined ? { waitTimeoutMs } : {}) };

  if (command === "permission-prompt") {
    if (positionals.length > 0 || values["upstream-url"]) throw new UsageError("permission-prompt takes no upstream: Claude Code runs the tools itself.");
    const server = createPermissionPrompt(common);
    const transport = new StdioServerTransport();
    answerInvalidMessages(server, transport);
    await server.connect(transport);
    log(`permission prompt ready (queue ${values.queue}, domain ${values.domain})`);
    return;
  }

  const spec = upstreamSpec(values["upstream-url"], values["upstream-header"] ?? [], positionals);
  let upstream;
  try {
    upstream = await connectUpstream(spec);
  } catch (error) {
    const what = spec.kind === "http" ? spec.url : [spec.command, ...spec.args].join(" ");
    throw new Error(`could not start or reach the upstream MCP server (${what}): ${error instanceof Error ? error.message : String(error)}`);
  }
  upstream.onclose = () => {
    log("the upstream MCP server closed; stopping.");
    process.exit(1);
  };
  const server = createGateway({ ...common, upstream });
  const shutdown = () => {
    upstream.onclose = undefined;
    void upstream.close().finally(() => process.exit(0));
  };
  process.stdin.on("end", shutdown);
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  const transport = new StdioServerTransport();
  answerInvalidMessages(server, transport);
  await serveGateway(server, upstream, transport);
  log(`gateway ready: ${spec.kind === "http" ? spec.url : spec.command} behind queue ${values.queue}, domain ${values.domain}`);
}

function upstreamSpec(url: string | undefined, headers: string[], positionals: string[]): UpstreamSpec {
  if (url) {
    if (positionals.length > 0) throw new UsageError("Give either --upstream-url or an upstream command after --, not both.");
    try {
      new URL(url);
    } catch {
      throw new UsageError(`--upstream-url is not a URL: ${JSON.stringify(url)}.`);
    }
    return { kind: "http", url, ...(headers.length > 0 ? { headers: Object.fromEntries(headers.map(parseHeader)) } : {}) };
  }
  const [command, ...args] = positionals;
  if (!command) throw new UsageError("No upstream: put its command after --, e.g. -- npx -y @modelcontextprotocol/server-filesystem /tmp, or use --upstream-url.");
  return { kind: "stdio", command, args };
}

function readConfig(file: string): GatewayConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read --config ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseConfig(text, file);
}

function seconds(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number of seconds (got ${JSON.stringify(text)}).`);
  return Math.round(n * 1000);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ActorError) {
    process.stderr.write(`countersign-mcp: ${error.message}\nRun countersign-mcp --help for usage.\n`);
    process.exit(2);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`countersign-mcp: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`countersign-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
