// The agent API's response bodies as zod schemas: the OpenAPI document
// (lib/api-docs/openapi-document.ts) is generated from them, and the
// compile-time checks at the bottom tie each to the type the server builds
// the response with, so a field added to a response without a schema fails
// `tsc`. Strict objects: a test parses real responses with them
// (lib/api-docs/responses.db.test.ts), so an undocumented field fails it.
import { z } from "zod";
import type { ApprovalTokenClaims } from "@/lib/approvals/approval-token-format";
import type { ExecutionReceiptResponse } from "@/lib/executions/report-execution";
import type { IntakeResponse } from "@/lib/proposals/create-proposal";
import { planStepSchema } from "@/lib/proposals/envelope";
import type { AgentProposalView } from "@/lib/proposals/get-proposal-for-agent";
import { STATUSES } from "@/lib/proposal-state/status";
import type { WebhookEventBody } from "@/lib/webhooks/event-body";

const statusSchema = z.enum(STATUSES).meta({ description: "pending, approved, rejected, expired, cancelled, revoked, executed or failed." });
const tierSchema = z.enum(["read", "write:draft", "commit"]);
const digestSchema = z.string().regex(/^[0-9a-f]{64}$/).meta({ description: "SHA-256 (hex) of the RFC 8785 canonical JSON of the envelope." });
const dateTime = z.iso.datetime({ offset: true });

export const errorBodySchema = z
  .strictObject({
    error: z
      .object({
        code: z.string().meta({ description: "Stable, machine-readable: see each operation's responses for the codes it returns." }),
        message: z.string().meta({ description: "For a person: what is wrong and what to do." }),
        issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional().meta({ description: "Validation errors: one per problem, with its path in the body." }),
        retry_after: z.number().int().optional().meta({ description: "With 429: seconds to wait (also the Retry-After header)." }),
        limit_bytes: z.number().int().optional().meta({ description: "With 413: the body size limit." }),
        request_id: z.string().optional().meta({ description: "With 500: quote it when reporting the problem." }),
      })
      .catchall(z.unknown()),
  })
  .meta({ description: 'Every error: {"error": {"code", "message", ...}}.' });

export const proposalCreatedSchema = z
  .strictObject({ id: z.string(), status: statusSchema, tier: tierSchema, digest: digestSchema, url: z.url().meta({ description: "The proposal's page for people." }) })
  ;

const personSchema = z.strictObject({ id: z.string(), email: z.string(), name: z.string() });

export const decisionSchema = z
  .strictObject({
    outcome: z.string().meta({ description: "approved or rejected (a person), or approved (a policy)." }),
    decided_by: personSchema.nullable().meta({ description: "The person; null when a policy approved." }),
    decided_by_policy: z.string().optional(),
    decided_by_standing_approval: z.string().optional().meta({ description: "The standing approval that approved it at intake (an admin's approval in advance; docs/standing-approvals.md)." }),
    decided_at: dateTime,
    reason: z.string().nullable(),
    with_edits: z.boolean().meta({ description: "True when the approver edited the plan before approving: execute approved_plan." }),
  })
  ;

export const proposalViewSchema = z
  .strictObject({
    id: z.string(),
    status: statusSchema,
    tier: tierSchema,
    digest: digestSchema,
    created_at: dateTime,
    expires_at: dateTime.nullable(),
    version: z.number().int().meta({ description: "Version of the plan in force (1 = as proposed)." }),
    approvals: z.strictObject({ count: z.number().int(), required: z.number().int() }),
    approved_digest: digestSchema.optional().meta({ description: "Once approved: the digest of the approved version (differs from digest after an edit)." }),
    approved_plan: z.array(planStepSchema).optional().meta({ description: "Once approved: the plan to execute, possibly edited by the approver." }),
    approval_token: z.string().nullable().optional().meta({ description: "While approved: a short-lived JWS for downstream tools; null once one was redeemed." }),
    approval_token_expires_at: dateTime.optional(),
    approval_token_redeemed_at: dateTime.optional(),
    approval_token_redeemed_by: z.string().nullable().optional(),
    approval_token_error: z
      .strictObject({ code: z.string(), message: z.string() })
      .optional()
      .meta({ description: "Why no token was issued for an approved proposal (e.g. approval_not_in_receipts: the receipt chain does not hold this approval)." }),
    execution: z.strictObject({ outcome: z.string(), digest: z.string(), digest_matches: z.boolean(), reported_at: dateTime }).optional(),
    decision: decisionSchema.nullable(),
    reversible: z.boolean().meta({ description: "Whether the envelope carried a rollback plan; false: irreversible (no Roll back)." }),
    rollback_of: z.string().optional().meta({ description: "On a rollback proposal (intent rollback:<intent>): the executed proposal it undoes." }),
    rolled_back_by: z.string().optional().meta({ description: "Once a person asked to roll this proposal back: the rollback proposal, decided like any other." }),
  })
  ;

export const executionRecordedSchema = z
  .strictObject({
    id: z.string(),
    proposal_id: z.string(),
    status: z.enum(["executed", "failed"]),
    stale: z.boolean().meta({ description: "True when the report said stale: the target changed since the proposal and nothing was done (the proposal is failed)." }),
    digest: z.string(),
    approved_digest: digestSchema,
    digest_matches: z.boolean(),
    after_revocation: z.boolean().meta({ description: "True when the approval had been revoked before this report." }),
  })
  ;

export const webhookViewSchema = z.strictObject({ url: z.string().nullable() });
export const webhookRegisteredSchema = z
  .strictObject({ url: z.string(), secret: z.string().meta({ description: "whsec_<base64>: shown only in this response; signs every delivery." }) })
  ;
export const webhookRemovedSchema = z.strictObject({ removed: z.boolean() });

const tokenPersonSchema = z.strictObject({ id: z.string(), email: z.string(), name: z.string() });
export const approvalTokenClaimsSchema = z
  .strictObject({
    iss: z.string(),
    aud: z.string(),
    sub: z.string(),
    jti: z.string(),
    iat: z.number().int(),
    nbf: z.number().int(),
    exp: z.number().int(),
    proposal_id: z.string(),
    digest: digestSchema,
    scopes: z.array(z.string()),
    actions: z.array(z.strictObject({ tool: z.string(), scope: z.string(), args: z.record(z.string(), z.unknown()) })),
    deciders: z.array(tokenPersonSchema),
    agent: z.strictObject({ id: z.string(), name: z.string() }),
    queue: z.string(),
  })
  ;

export const tokenValidSchema = z.strictObject({ valid: z.literal(true), claims: approvalTokenClaimsSchema, redeemed_by: z.string() });
export const tokenRefusedSchema = z
  .strictObject({ valid: z.literal(false), error: z.strictObject({ code: z.string(), message: z.string() }) })
  ;

export const webhookEventSchema = z
  .strictObject({
    id: z.string().meta({ description: "The delivery id (also Countersign-Delivery and webhook-id): drop duplicates by it." }),
    type: z.string().meta({ description: "proposal.<status>, e.g. proposal.approved." }),
    created_at: dateTime,
    data: z.strictObject({ proposal_id: z.string(), status: statusSchema, digest: digestSchema, decision: decisionSchema.nullable() }),
  })
  ;

// Compile-time: every response the server builds fits its documented schema.
// Also no field the schema lacks (a wider type would still be assignable).
type Fits<Built, Documented> = [Exclude<keyof Built, keyof Documented>] extends [never] ? (Built extends Documented ? true : false) : false;
const fits = <T extends true>(): T | undefined => undefined;
fits<Fits<IntakeResponse, Omit<z.infer<typeof proposalCreatedSchema>, "status" | "tier"> & { status: string; tier: string }>>();
fits<Fits<AgentProposalView, Omit<z.infer<typeof proposalViewSchema>, "status" | "tier"> & { status: string; tier: string }>>();
fits<Fits<ExecutionReceiptResponse, z.infer<typeof executionRecordedSchema>>>();
fits<Fits<ApprovalTokenClaims, z.infer<typeof approvalTokenClaimsSchema>>>();
fits<Fits<WebhookEventBody["data"], Omit<z.infer<typeof webhookEventSchema>["data"], "status"> & { status: string }>>();
