// The payload of each receipt kind, written once. Receipts are hashed as
// written and verified forever after, so a field that drifts (renamed, missing
// in one writer, built by hand somewhere else) is a permanent record of the
// drift. Each kind has one schema here; `NewReceipt` (append-receipt.ts) is a
// discriminated union over them, so a writer that builds the wrong payload for
// its kind fails to compile, and the one writer checks every payload against
// its schema at run time too, before anything is hashed.
//
// Field names are snake_case because they are stored and shown as-is (the
// receipts page, exports, verification): changing one here changes what new
// receipts say, never what old ones said.
import { z } from "zod";

const id = z.string();
const strings = z.array(z.string());
const json = z.json();
const jsonObject = z.record(z.string(), json);

/** A person's decision, in a batch or alone: `approval` (toward a quorum), `approved` or `rejected`. */
const batchDecision = z.strictObject({
  proposal_id: id,
  outcome: z.enum(["approved", "rejected"]),
  digest: z.string(),
  version: z.number().int(),
  approvals: z.number().int(),
  required_approvals: z.number().int(),
  /** Set when an approver edited the commit arguments: who, so the second approver is someone else. */
  second_approver_for_edit_by: id.optional(),
  final: z.boolean(),
  policies: strings,
  batch_id: id,
  batch_size: z.number().int(),
  /**
   * Set when the batch was a whole view ("select all N matching", lib/proposals/view-snapshot.ts):
   * the queue filters it came from, how many items the snapshot held and when it was taken.
   * Optional: receipts written before it (and ordinary batches) have none.
   */
  from_view: z
    .strictObject({ filters: z.record(z.string(), z.string()), snapshot_size: z.number().int(), snapshot_at: z.string() })
    .optional(),
});

const editChange = z.union([
  z.strictObject({ step: z.number().int(), change: z.literal("args"), before: jsonObject, after: jsonObject }),
  z.strictObject({ step: z.number().int(), change: z.literal("dropped") }),
]);

/** An approver's edit-and-approve (lib/proposals/approve-with-edits.ts). */
const editedApproval = z.strictObject({
  proposal_id: id,
  outcome: z.literal("approved"),
  with_edits: z.literal(true),
  version: z.number().int(),
  previous_digest: z.string(),
  digest: z.string(),
  changes: z.array(editChange),
  approvals: z.number().int(),
  required_approvals: z.number().int(),
  second_approver_required: z.literal(true).optional(),
  edited_by: z.string().optional(),
  queue_required_approvals: z.number().int().optional(),
  final: z.boolean(),
  policies: strings,
  batch_id: id,
  batch_size: z.number().int(),
});

const decision = z.union([batchDecision, editedApproval]);

const execution = z.strictObject({
  proposal_id: id,
  execution_id: id,
  outcome: z.enum(["executed", "failed", "stale"]),
  digest_reported: z.string(),
  approved_digest: z.string(),
  digest_matches: z.boolean(),
  after_revocation: z.literal(true).optional(),
  result_summary: z.string().nullable(),
});

const agentKey = z.strictObject({ agent_id: id, agent: z.string(), key_id: id, key_prefix: z.string(), cause: z.enum(["rotation", "revoked"]) });
const tool = z.strictObject({ tool_id: id, tool: z.string(), key_prefix: z.string() });
const userFlag = z.strictObject({ user_id: id, email: z.string(), role: z.string() });

const standingApproval = z.strictObject({
  standing_approval_id: id,
  policy_id: z.string(),
  revision: z.number().int(),
  agent_id: id,
  agent: z.string(),
  queue: z.string(),
  tool: z.string(),
  constraints: z.array(z.strictObject({ arg: z.string(), op: z.enum(["equals", "one_of", "at_most"]), value: z.union([z.string(), strings]) })),
  limit_period: z.enum(["total", "day"]),
  max_count: z.number().int().nullable(),
  max_amount: z.number().nullable(),
  amount_arg: z.string().nullable(),
  expires_at: z.string(),
  policy_text: z.string(),
});

export const RECEIPT_PAYLOADS = {
  proposed: z.strictObject({
    proposal_id: id,
    queue: z.string(),
    intent: z.string(),
    tier: z.string(),
    scopes: strings,
    status: z.string(),
    policies: strings,
  }),
  auto_approved: z.strictObject({
    proposal_id: id,
    outcome: z.literal("approved"),
    tier: z.string(),
    policies: strings,
    /** Set when a standing approval decided (lib/standing-approvals): its id, the decider. */
    decided_by_standing_approval: id.optional(),
    standing_approval_revision: z.number().int().optional(),
  }),
  approval: decision,
  approved: decision,
  rejected: decision,
  edited: z.strictObject({
    proposal_id: id,
    from_version: z.number().int(),
    to_version: z.number().int(),
    previous_digest: z.string(),
    digest: z.string(),
    changes: z.array(editChange),
  }),
  expired: z.strictObject({ proposal_id: id, expires_at: z.string().nullable(), swept_at: z.string() }),
  cancelled: z.strictObject({ proposal_id: id, digest: z.string(), cause: z.literal("agent_stopped"), agent: z.string(), reason: z.string() }),
  revoked: z.strictObject({
    proposal_id: id,
    digest: z.string(),
    previous_deciders: z.array(z.strictObject({ email: z.string(), name: z.string() })),
    reason: z.string(),
    /** Set when the revocation is part of stopping the agent. */
    cause: z.literal("agent_stopped").optional(),
    agent: z.string().optional(),
  }),
  executed: execution,
  failed: execution,
  token_redeemed: z.strictObject({ proposal_id: id, token_id: id, tool_id: id, tool: z.string(), digest: z.string() }),

  agent_created: z.strictObject({ agent_id: id, agent: z.string(), sponsor: z.string(), scopes: strings, key_prefix: z.string() }),
  agent_revoked: z.strictObject({ agent_id: id, agent: z.string(), keys_revoked: z.number().int() }),
  agent_stopped: z.strictObject({
    agent_id: id,
    agent: z.string(),
    keys_revoked: z.number().int(),
    proposals_cancelled: z.number().int(),
    approvals_revoked: z.number().int(),
    approvals_left_redeemed: z.number().int(),
    already_stopped: z.boolean(),
    reason: z.string(),
  }),
  key_created: agentKey,
  key_revoked: agentKey,
  webhook_registered: z.strictObject({ agent_id: id, agent: z.string(), url: z.string(), pending_deliveries_moved: z.number().int() }),
  webhook_removed: z.strictObject({ agent_id: id, agent: z.string(), url: z.string().nullable(), pending_deliveries_dropped: z.number().int() }),

  queue_created: z.strictObject({
    queue: z.string(),
    queue_id: id,
    name: z.string(),
    domains: strings,
    default_ttl_seconds: z.number().int().nullable(),
  }),
  queue_setting_changed: z.union([
    z.strictObject({ queue: z.string(), setting: z.literal("domains"), before: strings, after: strings, added: strings, removed: strings }),
    z.strictObject({ queue: z.string(), setting: z.literal("separation_of_duties"), before: z.boolean(), after: z.boolean() }),
    z.strictObject({
      queue: z.string(),
      setting: z.literal("notifications"),
      chat_webhook_host: z.string().nullable(),
      chat_format: z.string(),
      service_minutes: z.number().nullable(),
      browser_only_critical: z.boolean(),
      browser_only_edited: z.boolean(),
    }),
  ]),

  user_created: z.strictObject({ user_id: id, email: z.string(), name: z.string(), role: z.string(), password_set: z.boolean() }),
  user_role_changed: z.strictObject({ user_id: id, email: z.string(), before: z.string(), after: z.string() }),
  user_disabled: userFlag,
  user_enabled: userFlag,
  membership_changed: z.strictObject({
    user_id: id,
    email: z.string(),
    queue: z.string().nullable(),
    scope: z.enum(["queue", "all_queues"]),
    before: z.string().nullable(),
    after: z.string().nullable(),
  }),
  password_changed: z.strictObject({ user_id: id, email: z.string(), by: z.literal("self"), sessions_ended: z.literal(true), forced_reset_cleared: z.boolean() }),
  password_reset_forced: z.strictObject({ user_id: id, email: z.string(), sessions_ended: z.literal(true) }),
  sessions_ended: z.strictObject({ user_id: id, email: z.string(), by: z.literal("self") }),
  sso_unlinked: z.strictObject({ user_id: id, email: z.string(), issuer: z.string().nullable(), subject: z.string().nullable(), sessions_ended: z.literal(true) }),

  tool_created: tool,
  tool_revoked: tool,

  /** Notifications (lib/notifications): a reminder past the queue's service time, Slack account links, a decision made from Slack. */
  escalated: z.strictObject({ service_minutes: z.number().nullable(), pending_since: z.string(), notified: z.array(z.string()), chat: z.boolean() }),
  slack_linked: z.strictObject({ slack_team_id: z.string(), slack_user_id: z.string(), linked: z.boolean() }),
  decided_via_slack: z.strictObject({
    via: z.literal("slack"),
    slack_user_id: z.string(),
    slack_team_id: z.string(),
    outcome: z.string(),
    final: z.boolean(),
    batch_id: z.string(),
  }),

  /** A person asked to roll back an executed proposal (lib/proposals/request-rollback.ts): on both proposals, linking them. */
  rollback_requested: z.strictObject({ proposal_id: id, rollback_of: id, rollback_proposal_id: id }),

  /** An admin granted, changed or revoked a standing approval (lib/standing-approvals). */
  standing_approval_granted: standingApproval,
  standing_approval_changed: standingApproval,
  standing_approval_revoked: z.strictObject({ standing_approval_id: id, policy_id: z.string(), agent_id: id, uses: z.number().int() }),

  /** An admin applied (or restored) a Cedar policy set (lib/policy/versions). */
  policies_applied: z.strictObject({
    version_id: id,
    old_digest: z.string(),
    new_digest: z.string(),
    policies: z.array(z.string()),
    files: z.array(z.string()),
    restored_from: id.optional(),
  }),
} as const;

export type ReceiptKind = keyof typeof RECEIPT_PAYLOADS;
export type ReceiptPayload<K extends ReceiptKind> = z.input<(typeof RECEIPT_PAYLOADS)[K]>;
export type DecisionPayload = z.input<typeof decision>;
export type RevokedPayload = ReceiptPayload<"revoked">;

export const RECEIPT_KINDS = Object.keys(RECEIPT_PAYLOADS) as ReceiptKind[];

/** Throws when `payload` is not what a `kind` receipt holds: a programming error, caught before it is hashed into the chain. */
export function checkReceiptPayload(kind: string, payload: unknown): void {
  const schema = (RECEIPT_PAYLOADS as Record<string, z.ZodType | undefined>)[kind];
  if (!schema) throw new Error(`receipt kind "${kind}" has no payload schema (lib/receipts/receipt-payloads.ts)`);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; ");
    throw new Error(`a "${kind}" receipt's payload does not match its schema (lib/receipts/receipt-payloads.ts): ${issues}`);
  }
}
