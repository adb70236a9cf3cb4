// @countersign/sdk: the client for agents, offline token checks for tools, and
// webhook verification for receivers. Framework adapters live in subpaths
// (`/ai`, `/openai-agents`, `/langgraph`) and the MCP gateway in `/mcp`.
export { Countersign, SDK_VERSION } from "./client.js";
export type { CountersignOptions, GateContext, GateOptions, GateResult, ProposeOptions, WaitOptions } from "./client.js";
export { CountersignError, StaleTargetError, isCountersignError } from "./errors.js";
export type { ClientErrorCode, CountersignIssue } from "./errors.js";
export type { RetryOptions } from "./http.js";
export { decisionOf } from "./decision.js";
export { idempotencyKeyFor } from "./idempotency.js";
export { currentApproval } from "./tool-call.js";
export type { CurrentApproval, ToolCall, ToolCallGateOptions, ToolPolicy } from "./tool-call.js";
export { verifyApprovalToken, verifyApprovalTokenSignature } from "./verify-approval-token.js";
export type { ApprovalTokenErrorCode, ApprovalTokenResult, ExpectedAction, ExpectedStep, VerifyApprovalTokenOptions } from "./verify-approval-token.js";
export { APPROVAL_TOKEN_ALGORITHM, APPROVAL_TOKEN_AUDIENCE, APPROVAL_TOKEN_TYPE } from "./approval-token-format.js";
export type { ApprovalTokenAction, ApprovalTokenClaims, ApprovalTokenPerson } from "./approval-token-format.js";
export { verifyWebhook } from "./verify-webhook.js";
export type { VerifiedWebhook, VerifyWebhookOptions, WebhookHeaders, WebhookVerification } from "./verify-webhook.js";
export type * from "./types.js";
