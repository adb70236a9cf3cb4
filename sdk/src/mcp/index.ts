// @countersign/sdk/mcp: the MCP approval gateway and Claude Code permission
// prompt as a library, for embedding them in your own process. The
// `countersign-mcp` command (./cli.ts) wires these to stdio.
export { createGateway, serveGateway } from "./gateway.js";
export type { GatewayOptions } from "./gateway.js";
export { createPermissionPrompt, PERMISSION_TOOL_NAME, READ_ONLY_CLAUDE_CODE_TOOLS } from "./permission-prompt.js";
export type { PermissionDecision, PermissionPromptOptions } from "./permission-prompt.js";
export { connectUpstream } from "./upstream.js";
export type { UpstreamSpec } from "./upstream.js";
export { checkConfig, parseConfig, ConfigError } from "./config.js";
export type { ActorConfig, GatewayConfig, ToolRule } from "./config.js";
export { buildEnvelope, chooseScope, intentFor } from "./envelope.js";
export type { ProposalTarget, ScopeChoice, ToolCall } from "./envelope.js";
export { defaultTitle, renderTemplate } from "./title.js";
export { resolveActor } from "./actor.js";
export { proposeAndWait, describeRefusal } from "./hold.js";
export type { HoldOptions, ProgressSink } from "./hold.js";
