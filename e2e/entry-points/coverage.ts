// The coverage table of the inventory test (e2e/entry-points.spec.ts): for
// every entry point of the app, a valid-looking call and who must be refused,
// or a documented exemption. The test fails for an entry point missing here
// and for an entry here that no longer exists, so a new server action or route
// cannot ship without saying who may call it.
import type { World } from "./world";

/** Callers with a browser session (or none). */
export type SessionCaller = "anonymous" | "viewer" | "otherQueueApprover" | "sponsor";
/** Callers of the agent API: a revoked agent's key, another (active) agent's key. */
export type KeyCaller = "revokedAgentKey" | "otherAgentKey";
export type Caller = SessionCaller | KeyCaller;

export const SESSION_CALLERS: SessionCaller[] = ["anonymous", "viewer", "otherQueueApprover", "sponsor"];

export type ActionCoverage = {
  kind: "action";
  /** The action's arguments (a valid input, so the call reaches the rights check, not the schema). */
  args: (w: World) => unknown[];
  /** Who must be refused. Server actions are called by all four session callers. */
  refused: SessionCaller[];
  why: string;
};

export type RouteCoverage = {
  kind: "route";
  url: (w: World) => string;
  body?: (w: World) => unknown;
  headers?: (w: World) => Record<string, string>;
  refused: Caller[];
  /** Callers allowed to read (the call must still change nothing). */
  readOnly?: Caller[];
  /** False only for a stand-in of a separate system, which has no access to Countersign's security log. */
  logged?: boolean;
  why: string;
};

export type Exemption = { kind: "exempt"; why: string };
export type Coverage = ActionCoverage | RouteCoverage | Exemption;

const ALL_SESSIONS = SESSION_CALLERS;
/** A browser session is not an API key: every session caller is refused by the agent API, like a caller with no key. */
const NO_KEY: Caller[] = [...SESSION_CALLERS, "revokedAgentKey"];
const SIGNED_IN: Caller[] = ["viewer", "otherQueueApprover", "sponsor"];
const ADMIN_ONLY = "admins only: every other signed-in role is refused by the role check, anonymous by the session check";

/** A valid standing-approval form, so the call reaches the admin check rather than the shape check. */
function standingApprovalForm(w: World) {
  return {
    agentId: w.ownerAgentId,
    queue: w.envelope.queue,
    tool: "ap.release_payment",
    constraints: [],
    limitPeriod: "total",
    maxCount: 1,
    maxAmount: null,
    amountArg: null,
    expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    reason: "inventory test",
  };
}

/** The agent API's catch-all (app/api/v1/[...path]/route.ts): a JSON 404 for any unknown path, before any key is read. */
const CATCH_ALL = "answers the contract's JSON 404 for an /api/v1 path no route takes; reads no key, touches no table (e2e/attacks/unknown-paths.spec.ts)";

export const COVERAGE: Record<string, Coverage> = {
  // --- Deciding (any queue approver, never the sponsor or acted-for person) ---
  "app/(app)/proposals/actions.ts#decideProposalsAction": {
    kind: "action",
    args: (w) => [{ ids: [w.pendingId], outcome: "approved" }],
    refused: ALL_SESSIONS,
    why: "viewer: role; other queue's approver: no right on this queue; sponsor: separation of duties",
  },
  "app/(app)/queue/actions.ts#snapshotViewAction": {
    kind: "action",
    args: () => [{ filters: { status: "pending", sort: "newest" } }],
    refused: ["anonymous", "viewer"],
    why: "reads the pending view's ids for a decider (any approver may read the backlog); deciding it checks every item (lib/proposals/view-snapshot.db.test.ts)",
  },
  "app/(app)/queue/actions.ts#decideViewAction": {
    kind: "action",
    args: () => [{ token: "e30.forged", outcome: "approved" }],
    refused: ["anonymous", "viewer"],
    why: "viewer: role; any other caller needs a snapshot the server signed for them (forged, borrowed and expired ones are refused, lib/proposals/view-snapshot.db.test.ts), then every item is checked as in any batch",
  },
  "app/(app)/proposals/actions.ts#approveWithEditsAction": {
    kind: "action",
    args: (w) => [{ id: w.pendingId, version: 1, plan: [{ index: 0, args: { invoice: "INV-EDITED" } }] }],
    refused: ALL_SESSIONS,
    why: "as deciding: role, queue role, separation of duties",
  },
  "app/(app)/proposals/[id]/revoke-actions.ts#revokeApprovalAction": {
    kind: "action",
    args: (w) => [{ proposalId: w.approvedId, reason: "inventory test" }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },

  "app/(app)/proposals/[id]/rollback-actions.ts#requestRollbackAction": {
    kind: "action",
    args: (w) => [{ id: w.approvedId }],
    refused: ["anonymous", "viewer", "otherQueueApprover"],
    why: "approvers and admins of the proposal's queue only (the sponsor here is one: asking is allowed, and the rollback proposal is then decided like any other, separation of duties included); lib/proposals/request-rollback.db.test.ts",
  },

  // --- Administration (admins only) ---
  "app/(app)/admin/policies/standing-approval-actions.ts#grantStandingApprovalAction": {
    kind: "action",
    args: (w) => [standingApprovalForm(w)],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/policies/standing-approval-actions.ts#changeStandingApprovalAction": {
    kind: "action",
    args: (w) => [{ id: "no-such-standing-approval", form: standingApprovalForm(w) }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/policies/standing-approval-actions.ts#revokeStandingApprovalAction": {
    kind: "action",
    args: () => [{ id: "no-such-standing-approval", reason: "inventory test" }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/users/actions.ts#createUserAction": {
    kind: "action",
    args: (w) => [{ email: `intruder-${w.suffix}@countersign.test`, name: "Intruder", role: "admin", password: "intruder-password-123" }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/users/actions.ts#setUserRoleAction": {
    kind: "action",
    args: (w) => [{ userId: w.viewerId, role: "admin" }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/users/actions.ts#setUserActiveAction": {
    kind: "action",
    args: (w) => [{ userId: w.adminId, active: false }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/users/actions.ts#setMembershipAction": {
    kind: "action",
    args: (w) => [{ userId: w.viewerId, queueId: w.targetQueueId, role: "approver" }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/queues/actions.ts#createQueueAction": {
    kind: "action",
    args: (w) => [{ slug: `intruder-queue-${w.suffix}`, name: "Intruder", domains: ["ap"] }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/queues/actions.ts#setQueueDomainsAction": {
    kind: "action",
    args: (w) => [{ slug: `inventory-target-${w.suffix}`, domains: ["ap", "iam"] }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/users/actions.ts#forcePasswordResetAction": {
    kind: "action",
    args: (w) => [{ userId: w.adminId }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/users/actions.ts#unlinkSsoAction": {
    kind: "action",
    args: (w) => [{ userId: w.adminId }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },

  // --- Your own account (any signed-in user, for themselves only: no input names another user) ---
  "app/(app)/account/actions.ts#changePasswordAction": {
    kind: "action",
    args: () => [{ currentPassword: "not-the-password", newPassword: "intruder-password-123" }],
    refused: ["anonymous"],
    why: "self-service: acts only on the caller's own account and needs its current password; anonymous by the session check",
  },
  "app/(app)/account/actions.ts#signOutEverywhereAction": {
    kind: "action",
    args: () => [{}],
    refused: ["anonymous"],
    why: "self-service: ends only the caller's own sessions; anonymous by the session check",
  },
  "app/(app)/account/notifications/actions.ts#savePreferencesAction": {
    kind: "action",
    args: () => [{ emailImmediate: false, emailDigest: false, digestHourUtc: 3 }],
    refused: ["anonymous"],
    why: "self-service: changes only the caller's own notification preferences; anonymous by the session check",
  },
  "app/(app)/account/notifications/actions.ts#confirmSlackLinkAction": {
    kind: "action",
    args: () => [{ code: "not-a-real-link-code-0123456789" }],
    refused: ["anonymous"],
    why: "self-service: links a Slack user to the caller's own account, only with a one-time code Slack's signed interaction issued (an unknown code changes nothing)",
  },
  "app/(app)/account/notifications/actions.ts#unlinkSlackAction": {
    kind: "action",
    args: () => [{ id: "not-a-slack-link" }],
    refused: ["anonymous"],
    why: "self-service: removes only a Slack link of the caller's own account",
  },
  "app/(app)/admin/notifications/actions.ts#saveQueueNotificationsAction": {
    kind: "action",
    args: (w) => [{ queueId: w.targetQueueId, chatWebhookUrl: "https://attacker.example/hook", chatFormat: "json" }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/notifications/actions.ts#retryNotificationAction": {
    kind: "action",
    args: () => [{ deliveryId: "no-such-notification" }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/agents/actions.ts#createAgentAction": {
    kind: "action",
    args: (w) => [{ name: `intruder-bot-${w.suffix}`, sponsorEmail: "vic@countersign.dev", scopes: ["ap:commit"] }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/agents/actions.ts#rotateKeyAction": {
    kind: "action",
    args: (w) => [{ agentId: w.ownerAgentId }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/agents/actions.ts#revokeKeyAction": {
    kind: "action",
    args: (w) => [{ keyId: w.ownerKeyId }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/agents/actions.ts#stopAgentAction": {
    kind: "action",
    args: (w) => [{ agentId: w.ownerAgentId, reason: "inventory test" }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/tools/actions.ts#createToolAction": {
    kind: "action",
    args: (w) => [{ name: `intruder-tool-${w.suffix}` }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/tools/actions.ts#revokeToolAction": {
    kind: "action",
    args: () => [{ name: "example-payments" }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/policies/actions.ts#simulatePoliciesAction": {
    kind: "action",
    args: () => [{ sources: [{ file: "intruder.cedar", text: '@id("x")\npermit (principal, action, resource);' }], days: 30 }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY + " (a simulation reads every proposal and decision of the period)",
  },
  "app/(app)/admin/policies/actions.ts#applyPoliciesAction": {
    kind: "action",
    args: () => [{ sources: [{ file: "intruder.cedar", text: '@id("x")\npermit (principal, action, resource);' }], reason: "inventory test" }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/policies/actions.ts#restorePolicyVersionAction": {
    kind: "action",
    args: () => [{ id: "no-such-version", reason: "inventory test" }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },
  "app/(app)/admin/webhooks/actions.ts#retryDeliveryAction": {
    kind: "action",
    args: (w) => [{ deliveryId: w.deliveryId }],
    refused: ALL_SESSIONS,
    why: ADMIN_ONLY,
  },

  // --- Reading, for people ---
  "app/api/queue/route.ts#GET": {
    kind: "route",
    url: () => "/api/queue?status=pending",
    refused: ["anonymous"],
    readOnly: SIGNED_IN,
    why: "every signed-in role may read the backlog (contract); only a caller without a session is refused",
  },
  "app/(app)/receipts/export/route.ts#GET": {
    kind: "route",
    url: () => "/receipts/export?format=jsonl",
    refused: ["anonymous"],
    readOnly: SIGNED_IN,
    why: "every signed-in role may read and export receipts (contract); only a caller without a session is refused",
  },

  "app/(app)/insights/export/route.ts#GET": {
    kind: "route",
    url: () => "/insights/export?view=people&days=30",
    refused: ALL_SESSIONS,
    why: "the per-person figures are for admins only (the queue and agent views are for every signed-in role); lib/insights/insights.db.test.ts",
  },

  // --- The agent API (API keys; a session cookie is not a key) ---
  "app/api/v1/proposals/route.ts#POST": {
    kind: "route",
    url: () => "/api/v1/proposals",
    body: (w) => w.envelope,
    refused: [...NO_KEY, "otherAgentKey"],
    why: "no key / a session instead of a key / a revoked key: 401; another agent whose grant lacks ap:*: 403 scope_not_granted",
  },
  "app/api/v1/proposals/[id]/route.ts#GET": {
    kind: "route",
    url: (w) => `/api/v1/proposals/${w.pendingId}`,
    refused: [...NO_KEY, "otherAgentKey"],
    why: "another agent's proposal is 404, like a missing one (probing is logged)",
  },
  "app/api/v1/proposals/[id]/executions/route.ts#POST": {
    kind: "route",
    url: (w) => `/api/v1/proposals/${w.approvedId}/executions`,
    body: (w) => ({ outcome: "executed", digest: w.approvedDigest, result: { note: "inventory test" } }),
    refused: [...NO_KEY, "otherAgentKey"],
    why: "only the proposing agent may report an execution",
  },
  "app/api/v1/webhook/route.ts#GET": {
    kind: "route",
    url: () => "/api/v1/webhook",
    refused: NO_KEY,
    why: "an agent's own callback: any active agent reaches only its own, so only callers without a valid key are refused",
  },
  "app/api/v1/webhook/route.ts#PUT": {
    kind: "route",
    url: () => "/api/v1/webhook",
    body: () => ({ url: "https://attacker.example/hook" }),
    refused: NO_KEY,
    why: "an agent's own callback: any active agent reaches only its own, so only callers without a valid key are refused",
  },
  "app/api/v1/webhook/route.ts#DELETE": {
    kind: "route",
    url: () => "/api/v1/webhook",
    refused: NO_KEY,
    why: "an agent's own callback: any active agent reaches only its own, so only callers without a valid key are refused",
  },

  // --- Approval tokens (redeemed online by a registered tool only) ---
  "app/api/v1/approval-tokens/verify/route.ts#POST": {
    kind: "route",
    url: () => "/api/v1/approval-tokens/verify",
    body: (w) => ({ token: w.forgedToken, digest: w.approvedDigest }),
    refused: [...NO_KEY, "otherAgentKey"],
    why: "only a registered tool's key redeems: no key or a session → 401; any agent key (active or revoked) → 403 agent_key_not_allowed, so the agent cannot spend its own approval",
  },
  "app/api/examples/release-payment/route.ts#POST": {
    kind: "route",
    url: () => "/api/examples/release-payment",
    body: (w) => ({ payment_id: `pay-${w.suffix}` }),
    headers: (w) => ({ "countersign-approval": w.forgedToken }),
    refused: SESSION_CALLERS,
    logged: false,
    why: "the example downstream tool checks tokens offline, as a separate system would, so its refusals are its own (not in Countersign's log)",
  },

  "app/api/slack/interactions/route.ts#POST": {
    kind: "route",
    url: () => "/api/slack/interactions",
    body: (w) => ({ payload: JSON.stringify({ type: "block_actions", user: { id: "U1" }, team: { id: "T1" }, actions: [{ action_id: "countersign_approve", value: JSON.stringify({ p: w.pendingId, v: 1 }) }] }) }),
    refused: SESSION_CALLERS,
    why: "only Slack, by its v0 signature over the raw body with a fresh timestamp; a session or no signature is 401 (lib/notifications/slack/interactions.db.test.ts replays the rest)",
  },

  // --- Public by design ---
  "app/.well-known/jwks.json/route.ts#GET": { kind: "exempt", why: "the public half of the signing keys, for verifying receipts checkpoints and approval tokens offline: public by design" },
  "app/api/v1/openapi.json/route.ts#GET": { kind: "exempt", why: "the agent API's OpenAPI description: public on purpose (it describes the API and grants nothing); rate limited per address" },
  "app/api/v1/[...path]/route.ts#GET": { kind: "exempt", why: CATCH_ALL },
  "app/api/v1/[...path]/route.ts#POST": { kind: "exempt", why: CATCH_ALL },
  "app/api/v1/[...path]/route.ts#PUT": { kind: "exempt", why: CATCH_ALL },
  "app/api/v1/[...path]/route.ts#PATCH": { kind: "exempt", why: CATCH_ALL },
  "app/api/v1/[...path]/route.ts#DELETE": { kind: "exempt", why: CATCH_ALL },
  "app/api/v1/proposals/[id]/route.ts#HEAD": { kind: "exempt", why: "answers 405 with Allow: GET before any key is read; reads and changes nothing (lib/http/lean-handler.db.test.ts)" },
  "app/api/health/route.ts#GET": { kind: "exempt", why: "liveness for load balancers: public, reads nothing but SELECT 1" },
  "app/api/auth/[...nextauth]/route.ts#GET": { kind: "exempt", why: "next-auth: the sign-in itself (CSRF token, providers, session); refused sign-ins are covered by e2e/sign-in.spec.ts" },
  "app/api/auth/[...nextauth]/route.ts#POST": { kind: "exempt", why: "next-auth: the sign-in itself; wrong passwords and the throttle are covered by e2e/sign-in.spec.ts and logged as sign_in_failed/sign_in_throttled" },
};
