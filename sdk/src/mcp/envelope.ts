// From one MCP tool call to a Countersign proposal: which scope (config, then
// the tool's readOnlyHint, else commit: an unannotated tool is assumed to have
// side effects, as the MCP spec says of destructiveHint), which queue, what
// title, and one plan step carrying the call's arguments. The approver edits
// those arguments; the gateway runs whatever comes back approved.
import type { Envelope, Tier } from "../types.js";
import type { ActorConfig, GatewayConfig, ToolRule } from "./config.js";
import { defaultTitle, oneLine, renderTemplate } from "./title.js";

export type ToolCall = {
  name: string;
  args: Record<string, unknown>;
  /** The tool's MCP annotations as the upstream listed them, if any. */
  annotations?: { readOnlyHint?: boolean; [key: string]: unknown };
};

export type ProposalTarget = {
  /** `--domain`: the scope domain every tool falls under unless its rule names a whole scope. */
  domain: string;
  /** `--queue`: the queue unless the tool's rule (or defaults) names another. */
  queue: string;
  config: GatewayConfig;
  actor: ActorConfig;
  /** Recorded on the proposal as the agent's model/run (e.g. the MCP client's name). */
  agent?: Envelope["agent"];
  /** Trace strings (conversation, tool call id); values at most 500 characters. */
  trace?: Record<string, string>;
};

export type ScopeChoice = { scope: string; tier: Tier; because: "config" | "readOnlyHint" | "default" };

export function chooseScope(call: Pick<ToolCall, "name" | "annotations">, domain: string, rule: ToolRule | undefined): ScopeChoice {
  if (rule?.scope) return { scope: rule.scope, tier: tierOf(rule.scope), because: "config" };
  if (rule?.tier) return { scope: `${domain}:${rule.tier}`, tier: rule.tier, because: "config" };
  if (call.annotations?.readOnlyHint === true) return { scope: `${domain}:read`, tier: "read", because: "readOnlyHint" };
  return { scope: `${domain}:commit`, tier: "commit", because: "default" };
}

export function buildEnvelope(call: ToolCall, target: ProposalTarget): { envelope: Envelope; choice: ScopeChoice } {
  const rule = target.config.tools[call.name];
  const defaults = target.config.defaults;
  const choice = chooseScope(call, target.domain, rule);
  const titleTemplate = rule?.title ?? defaults.title;
  const title = titleTemplate ? renderTemplate(titleTemplate, call.args) : defaultTitle(call.name, call.args);
  const summaryTemplate = rule?.summary ?? defaults.summary;
  const risk = rule?.risk ?? defaults.risk;
  const envelope: Envelope = {
    queue: rule?.queue ?? defaults.queue ?? target.queue,
    intent: rule?.intent ?? intentFor(call.name),
    title: title || oneLine(call.name),
    ...(summaryTemplate ? { summary: renderTemplate(summaryTemplate, call.args, 5000) } : {}),
    actor: { ...target.actor },
    ...(target.agent ? { agent: target.agent } : {}),
    scopes: [choice.scope],
    ...(risk ? { risk } : {}),
    plan: [{ title: oneLine(`Call ${call.name}`, 500), tool: call.name.slice(0, 200), scope: choice.scope, args: call.args }],
    ...(target.trace && Object.keys(target.trace).length > 0 ? { trace: target.trace } : {}),
  };
  return { envelope, choice };
}

/** MCP tool names allow characters an intent does not (`/`, spaces in some servers). */
export function intentFor(toolName: string): string {
  const cleaned = toolName.replace(/[^a-z0-9_.:-]+/gi, "_").replace(/^[^a-z0-9]+/i, "");
  return (cleaned || "tool_call").slice(0, 100);
}

function tierOf(scope: string): Tier {
  if (scope.endsWith(":write:draft")) return "write:draft";
  return scope.endsWith(":read") ? "read" : "commit";
}
