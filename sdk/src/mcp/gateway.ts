// The approval gateway: an MCP server that lists the upstream's tools as they
// are and turns every call into a Countersign proposal. Read-only tools pass
// at once under the default policy (recorded); everything else waits for a
// person. Only an approved call reaches the upstream, with the APPROVED
// arguments (an approver may have edited them), and its outcome is reported.
import { randomUUID } from "node:crypto";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  ToolListChangedNotificationSchema,
  type CallToolResult,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { SDK_VERSION, type Countersign } from "../client.js";
import { isCountersignError } from "../errors.js";
import type { Decision, ProposalReceipt } from "../types.js";
import { nestsDeeperThan, TOO_DEEP_MESSAGE } from "./argument-depth.js";
import { CallKeys, ExecutionOnce } from "./call-keys.js";
import type { ActorConfig, GatewayConfig } from "./config.js";
import { buildEnvelope } from "./envelope.js";
import { describeRefusal, proposeAndWait, type ProgressSink } from "./hold.js";

export type GatewayOptions = {
  countersign: Countersign;
  upstream: Client;
  domain: string;
  queue: string;
  config: GatewayConfig;
  actor: ActorConfig;
  /** Between two progress notifications while a call is held; default 5000 ms. */
  progressIntervalMs?: number;
  /** Stop waiting for a decision after this long (the call can be made again); no limit by default. */
  waitTimeoutMs?: number;
  /** How long the upstream may take once a call is approved (reset by its progress); default 10 minutes. */
  upstreamTimeoutMs?: number;
  log?: (line: string) => void;
};

type Approved = Extract<Decision, { status: "approved" }>;
type ToolAnnotations = NonNullable<Tool["annotations"]>;

const MAX_REPORTED_TEXT = 8000;

export function createGateway(options: GatewayOptions): Server {
  const { countersign, upstream, log = () => undefined } = options;
  const upstreamInfo = upstream.getServerVersion();
  const server = new Server(
    { name: "countersign-mcp-gateway", version: SDK_VERSION, ...(upstreamInfo?.title ? { title: `${upstreamInfo.title} (via Countersign)` } : {}) },
    {
      capabilities: { tools: { listChanged: upstream.getServerCapabilities()?.tools?.listChanged ?? false } },
      ...(upstream.getInstructions() ? { instructions: upstream.getInstructions() } : {}),
    },
  );
  // One gateway process serves one MCP session over stdio: the session id keys a client's retries.
  const keys = new CallKeys(randomUUID());
  const executions = new ExecutionOnce<CallToolResult>();
  const annotations = new Map<string, ToolAnnotations | undefined>();

  const remember = (tools: Tool[]) => {
    for (const tool of tools) annotations.set(tool.name, tool.annotations);
  };
  const refreshTools = async () => {
    let cursor: string | undefined;
    do {
      const page = await upstream.listTools(cursor ? { cursor } : undefined);
      remember(page.tools);
      cursor = page.nextCursor;
    } while (cursor);
  };

  upstream.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
    annotations.clear();
    await server.sendToolListChanged().catch(() => undefined);
  });

  server.setRequestHandler(ListToolsRequestSchema, async (request) => {
    const result = await upstream.listTools(request.params);
    remember(result.tools);
    return result;
  });

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const name = request.params.name;
    const args = (request.params.arguments ?? {}) as Record<string, unknown>;
    if (!annotations.has(name)) await refreshTools();
    if (!annotations.has(name)) return errorResult(`Unknown tool ${JSON.stringify(name)}: the upstream server does not list it. Nothing was proposed or called.`);
    // Before anything below recurses through them (the key, the envelope).
    if (nestsDeeperThan(args)) return errorResult(`Countersign: ${TOO_DEEP_MESSAGE}. Nothing was proposed or called.`);

    const client = server.getClientVersion();
    const { key, done } = keys.next("tool", name, args);
    const { envelope, choice } = buildEnvelope(
      { name, args, annotations: annotations.get(name) },
      {
        domain: options.domain,
        queue: options.queue,
        config: options.config,
        actor: options.actor,
        agent: { model: clip(client?.name ?? "mcp-client"), ...(client?.version ? { version: clip(client.version) } : {}), run_id: keys.sessionId },
        // Nothing per-request here (no JSON-RPC id): a retry must send the very same envelope, or its key is refused as reused.
        trace: { mcp_session: keys.sessionId },
      },
    );

    const token = extra._meta?.progressToken;
    let progressCount = 0;
    const sendProgress = async (params: { progressToken: string | number; progress: number; message?: string }) => {
      progressCount = Math.max(progressCount + 1, params.progress);
      await extra.sendNotification({ method: "notifications/progress", params: { ...params, progress: progressCount } });
    };
    const progress: ProgressSink | undefined =
      token === undefined ? undefined : { token, send: sendProgress, intervalMs: options.progressIntervalMs ?? 5000 };

    let receipt: ProposalReceipt;
    let decision: Decision;
    try {
      ({ receipt, decision } = await proposeAndWait({
        client: countersign,
        envelope,
        idempotencyKey: key,
        signal: extra.signal,
        ...(progress ? { progress } : {}),
        ...(options.waitTimeoutMs !== undefined ? { waitTimeoutMs: options.waitTimeoutMs } : {}),
        onProposed: (r) => log(`${name}: proposed as ${choice.scope} (${r.status}) ${r.url}`),
      }));
    } catch (error) {
      if (extra.signal.aborted) throw error;
      if (isCountersignError(error, "timeout")) {
        return errorResult(`Countersign: still waiting for a person to decide. The tool was not called; make the same call again to keep waiting. ${error.message}`);
      }
      return errorResult(`Countersign did not accept the proposal, so the tool was not called: ${error instanceof Error ? error.message : String(error)}`);
    }

    if (decision.status !== "approved") {
      done();
      log(`${name}: ${decision.status}, not called`);
      return errorResult(describeRefusal(decision, receipt.url));
    }
    // A twin that ran it in this process: its result, not "already carried out".
    const shared = executions.existing(receipt.id);
    if (shared) {
      done();
      return shared;
    }
    if (decision.execution) {
      done();
      return errorResult(`Countersign: this approved call was already carried out (${decision.execution.outcome} at ${decision.execution.reported_at}); it is not run twice. Proposal: ${receipt.url}`);
    }
    const result = await executions.run(receipt.id, () => execute(name, decision as Approved, receipt, progress ? { ...progress } : undefined));
    done();
    return result;
  });

  async function execute(name: string, decision: Approved, receipt: ProposalReceipt, progress: ProgressSink | undefined): Promise<CallToolResult> {
    const step = decision.approvedPlan.find((s) => s.tool === name) ?? decision.approvedPlan[0];
    if (!step) return errorResult(`Countersign approved proposal ${receipt.id} without a plan step; the tool was not called.`);
    const approvedArgs = step.args;
    let result: CallToolResult;
    try {
      result = (await upstream.callTool({ name, arguments: approvedArgs }, undefined, {
        timeout: options.upstreamTimeoutMs ?? 600_000,
        resetTimeoutOnProgress: true,
        ...(progress ? { onprogress: (p) => void progress.send({ progressToken: progress.token, progress: 0, ...(p.message ? { message: p.message } : {}) }).catch(() => undefined) } : {}),
      })) as CallToolResult;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      await report(receipt.id, "failed", decision.approvedDigest, { error: text.slice(0, MAX_REPORTED_TEXT) });
      return errorResult(`The approved call to ${name} failed: ${text}. Reported to Countersign as failed. Proposal: ${receipt.url}`);
    }
    await report(receipt.id, result.isError ? "failed" : "executed", decision.approvedDigest, summarize(result));
    log(`${name}: approved${decision.withEdits ? " with edits" : ""}, ${result.isError ? "failed" : "executed"}`);
    if (!decision.withEdits) return result;
    // The model asked for other arguments than those that ran: say so, or it will believe its own.
    const who = decision.decidedBy ? ` by ${decision.decidedBy.name}` : "";
    return {
      ...result,
      content: [
        ...(result.content ?? []),
        { type: "text", text: `Countersign: approved with edits${who}; the tool ran with these arguments instead of the proposed ones: ${JSON.stringify(approvedArgs)}` },
      ],
    };
  }

  async function report(id: string, outcome: "executed" | "failed", digest: string, result: unknown) {
    try {
      await countersign.reportExecution(id, { outcome, digest, result });
    } catch (error) {
      // The call already ran; losing the report must not turn its result into an error.
      log(`could not report the execution of ${id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return server;
}

/** Connects the gateway to its client (stdio in the command) and closes the upstream with it. */
export async function serveGateway(server: Server, upstream: Client, transport: Transport): Promise<void> {
  server.onclose = () => void upstream.close().catch(() => undefined);
  await server.connect(transport);
}

function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text }] };
}

function summarize(result: CallToolResult): Record<string, unknown> {
  const text = (result.content ?? [])
    .map((c) => (c.type === "text" ? c.text : `[${c.type}]`))
    .join("\n")
    .slice(0, MAX_REPORTED_TEXT);
  return { is_error: result.isError === true, text };
}

function clip(text: string): string {
  return text.slice(0, 200);
}
