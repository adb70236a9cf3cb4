// Claude Code's `--permission-prompt-tool`: when Claude Code would ask the
// terminal whether a tool may run, it calls this MCP tool with
// {tool_name, input, tool_use_id} and expects one text content holding JSON:
// {"behavior":"allow","updatedInput":{...}} or {"behavior":"deny","message":"..."}.
// Here a person answers in Countersign instead, and may edit the input first.
import { randomUUID } from "node:crypto";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { SDK_VERSION, type Countersign } from "../client.js";
import { isCountersignError } from "../errors.js";
import { nestsDeeperThan, TOO_DEEP_MESSAGE } from "./argument-depth.js";
import { CallKeys } from "./call-keys.js";
import type { ActorConfig, GatewayConfig } from "./config.js";
import { buildEnvelope } from "./envelope.js";
import { describeRefusal, proposeAndWait } from "./hold.js";

export const PERMISSION_TOOL_NAME = "permission_prompt";

/**
 * Claude Code's own tools that only read; they are proposed as `<domain>:read`
 * (recorded, allowed at once under the default policy). Everything else,
 * Bash, Edit, Write, WebFetch and every MCP tool included, waits for a person
 * unless the config says otherwise.
 */
export const READ_ONLY_CLAUDE_CODE_TOOLS = ["Read", "Glob", "Grep", "LS", "NotebookRead", "TodoRead"] as const;

export type PermissionDecision = { behavior: "allow"; updatedInput: Record<string, unknown> } | { behavior: "deny"; message: string };

export type PermissionPromptOptions = {
  countersign: Countersign;
  domain: string;
  queue: string;
  config: GatewayConfig;
  actor: ActorConfig;
  progressIntervalMs?: number;
  waitTimeoutMs?: number;
  log?: (line: string) => void;
};

const TOOL: Tool = {
  name: PERMISSION_TOOL_NAME,
  title: "Ask a person in Countersign",
  description:
    "Claude Code permission prompt: proposes the tool call to Countersign and waits until a person approves (possibly with edited input) or rejects it.",
  inputSchema: {
    type: "object",
    properties: {
      tool_name: { type: "string", description: "The tool Claude Code wants to run" },
      input: { type: "object", description: "The tool's input", additionalProperties: true },
      tool_use_id: { type: "string", description: "The tool use request id" },
    },
    required: ["tool_name", "input"],
  },
  annotations: { readOnlyHint: false, openWorldHint: true },
};

export function createPermissionPrompt(options: PermissionPromptOptions): Server {
  const { countersign, log = () => undefined } = options;
  const server = new Server({ name: "countersign-permission-prompt", version: SDK_VERSION }, { capabilities: { tools: {} } });
  const keys = new CallKeys(randomUUID());

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [TOOL] }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    if (request.params.name !== PERMISSION_TOOL_NAME) {
      return { isError: true, content: [{ type: "text", text: `Unknown tool ${JSON.stringify(request.params.name)}; this server offers ${PERMISSION_TOOL_NAME}.` }] };
    }
    const params = (request.params.arguments ?? {}) as { tool_name?: unknown; input?: unknown; tool_use_id?: unknown };
    if (typeof params.tool_name !== "string" || params.tool_name === "" || typeof params.input !== "object" || params.input === null || Array.isArray(params.input)) {
      return answer({ behavior: "deny", message: "Countersign: the permission request had no tool_name or no input object; denied." });
    }
    // Before anything below recurses through it (the key, the envelope).
    if (nestsDeeperThan(params.input)) return answer({ behavior: "deny", message: `Countersign: ${TOO_DEEP_MESSAGE}; denied without asking.` });
    const toolName = params.tool_name;
    const input = params.input as Record<string, unknown>;
    const toolUseId = typeof params.tool_use_id === "string" && params.tool_use_id !== "" ? params.tool_use_id : undefined;
    // tool_use_id names one call: Claude Code asking again for it must find the same proposal.
    const { key, done } = toolUseId ? keys.next("tool_use", toolUseId) : keys.next("tool", toolName, input);
    const readOnly = (READ_ONLY_CLAUDE_CODE_TOOLS as readonly string[]).includes(toolName);
    const client = server.getClientVersion();
    const { envelope, choice } = buildEnvelope(
      { name: toolName, args: input, annotations: { readOnlyHint: readOnly } },
      {
        domain: options.domain,
        queue: options.queue,
        config: options.config,
        actor: options.actor,
        agent: { model: (client?.name ?? "claude-code").slice(0, 200), ...(client?.version ? { version: client.version.slice(0, 200) } : {}), run_id: keys.sessionId },
        trace: { mcp_session: keys.sessionId, ...(toolUseId ? { tool_call_id: toolUseId.slice(0, 500) } : {}) },
      },
    );
    const token = extra._meta?.progressToken;
    let count = 0;
    try {
      const { receipt, decision } = await proposeAndWait({
        client: countersign,
        envelope,
        idempotencyKey: key,
        signal: extra.signal,
        ...(token !== undefined
          ? {
              progress: {
                token,
                intervalMs: options.progressIntervalMs ?? 5000,
                send: (p) => extra.sendNotification({ method: "notifications/progress", params: { ...p, progress: ++count } }),
              },
            }
          : {}),
        ...(options.waitTimeoutMs !== undefined ? { waitTimeoutMs: options.waitTimeoutMs } : {}),
        onProposed: (r) => log(`${toolName}: proposed as ${choice.scope} (${r.status}) ${r.url}`),
      });
      done();
      if (decision.status !== "approved") return answer({ behavior: "deny", message: describeRefusal(decision, receipt.url) });
      const step = decision.approvedPlan.find((s) => s.tool === toolName) ?? decision.approvedPlan[0];
      // Claude Code runs the tool itself and tells no one whether it worked, so no execution is reported: the proposal stays approved.
      return answer({ behavior: "allow", updatedInput: step?.args ?? input });
    } catch (error) {
      if (extra.signal.aborted) throw error;
      const why = isCountersignError(error, "timeout")
        ? "nobody decided in time"
        : `Countersign did not accept the proposal: ${error instanceof Error ? error.message : String(error)}`;
      return answer({ behavior: "deny", message: `Countersign: ${why}. Denied.` });
    }
  });
  return server;
}

function answer(decision: PermissionDecision): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(decision) }] };
}
