// The OpenAPI 3.1 description of the agent API (GET /api/v1/openapi.json),
// generated from the zod schemas the server validates requests with and
// builds responses by (z.toJSONSchema), so the document cannot drift from the
// code: request bodies are the validators themselves, response bodies the
// schemas in lib/api-docs/response-schemas.ts, which a database test checks
// real responses against. lib/api-docs/openapi-coverage.test.ts fails when a
// route handler under app/api/v1 is missing here.
import { z } from "zod";
import { verifyRequestBodySchema } from "@/lib/approvals/verify-request-body";
import { env } from "@/lib/env";
import { executionReportSchema } from "@/lib/executions/report-execution";
import { envelopeSchema, MAX_BODY_BYTES } from "@/lib/proposals/envelope";
import { MAX_WAIT_SECONDS } from "@/lib/proposals/wait-limits";
import { registrationBodySchema } from "@/lib/webhooks/registration-body";
import {
  errorBodySchema,
  executionRecordedSchema,
  proposalCreatedSchema,
  proposalViewSchema,
  tokenRefusedSchema,
  tokenValidSchema,
  webhookEventSchema,
  webhookRegisteredSchema,
  webhookRemovedSchema,
  webhookViewSchema,
} from "@/lib/api-docs/response-schemas";

type Json = Record<string, unknown>;
type Security = "agentKey" | "toolKey" | "none";
type Method = "get" | "post" | "put" | "delete";

type Success = { status: number; description: string; schema: string; headers?: Json };
type Operation = {
  method: Method;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  security: Security;
  parameters?: Json[];
  body?: { schema: string; description: string };
  success: Success[];
  /** Error codes each status may carry (body: Error unless `errorSchemas` says otherwise). */
  errors: Record<number, string[]>;
  errorSchemas?: Record<number, string[]>;
};

/** Every schema of the document, by component name: [zod schema, "input" for requests or "output" for responses]. */
const SCHEMAS: Record<string, [z.ZodType, "input" | "output"]> = {
  ProposalEnvelope: [envelopeSchema, "input"],
  ExecutionReport: [executionReportSchema, "input"],
  WebhookRegistration: [registrationBodySchema, "input"],
  ApprovalTokenVerifyRequest: [verifyRequestBodySchema, "input"],
  Error: [errorBodySchema, "output"],
  ProposalCreated: [proposalCreatedSchema, "output"],
  Proposal: [proposalViewSchema, "output"],
  ExecutionRecorded: [executionRecordedSchema, "output"],
  Webhook: [webhookViewSchema, "output"],
  WebhookRegistered: [webhookRegisteredSchema, "output"],
  WebhookRemoved: [webhookRemovedSchema, "output"],
  ApprovalTokenValid: [tokenValidSchema, "output"],
  ApprovalTokenRefused: [tokenRefusedSchema, "output"],
  WebhookEvent: [webhookEventSchema, "output"],
  OpenApiDocument: [z.record(z.string(), z.unknown()), "output"],
};

const RATE_LIMITED = "rate_limited";
const retryAfter = { "Retry-After": { description: "With 429: seconds to wait before retrying.", schema: { type: "integer" } } };
const idParameter = { name: "id", in: "path", required: true, description: "The proposal id returned by POST /api/v1/proposals.", schema: { type: "string", maxLength: 100 } };

export const OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/api/v1/proposals",
    operationId: "createProposal",
    summary: "Propose an action",
    description:
      "Submits a proposal envelope. Read and draft proposals are answered at once (approved by policy); commit proposals start pending until people decide. " +
      "With an Idempotency-Key, a retry with the same key and body returns the first response again (200); the same key with another body is 422.",
    security: "agentKey",
    parameters: [
      { name: "Idempotency-Key", in: "header", required: false, description: "1 to 200 visible ASCII characters; reuse it for retries of the same proposal.", schema: { type: "string", maxLength: 200 } },
    ],
    body: { schema: "ProposalEnvelope", description: `The proposal envelope (JSON, at most ${MAX_BODY_BYTES} bytes). Unknown top-level fields are refused.` },
    success: [
      { status: 201, description: "Recorded.", schema: "ProposalCreated", headers: { Location: { description: "The proposal's page.", schema: { type: "string" } } } },
      { status: 200, description: "A replay of an earlier request with the same Idempotency-Key and body: the first response again.", schema: "ProposalCreated" },
    ],
    errors: {
      400: ["invalid_envelope"],
      401: ["unauthenticated"],
      403: ["scope_not_granted", "queue_not_allowed", "policy_denied"],
      413: ["payload_too_large"],
      415: ["unsupported_media_type"],
      422: ["idempotency_key_reused"],
      429: [RATE_LIMITED],
    },
  },
  {
    method: "get",
    path: "/api/v1/proposals/{id}",
    operationId: "getProposal",
    summary: "Read a proposal (optionally long-poll until it is decided)",
    description:
      `Without wait: the proposal's state now. With wait=N (whole seconds, 1 to ${MAX_WAIT_SECONDS}): held while the proposal is pending and answered as soon as ` +
      "it leaves pending (decided, expired, cancelled), else after N seconds with the current state (still pending). " +
      "An agent may hold a bounded number of waits at once (429 beyond). While approved, each answer carries a fresh approval_token.",
    security: "agentKey",
    parameters: [
      idParameter,
      { name: "wait", in: "query", required: false, description: `Long-poll for up to this many seconds (1 to ${MAX_WAIT_SECONDS}).`, schema: { type: "integer", minimum: 1, maximum: MAX_WAIT_SECONDS } },
    ],
    success: [{ status: 200, description: "The agent's view of its proposal.", schema: "Proposal" }],
    errors: { 400: ["invalid_query"], 401: ["unauthenticated"], 404: ["not_found"], 409: ["unreadable"], 429: [RATE_LIMITED] },
  },
  {
    method: "post",
    path: "/api/v1/proposals/{id}/executions",
    operationId: "reportExecution",
    summary: "Report carrying out an approved proposal",
    description: "Once per approval: executed or failed, with the digest of what was executed (compared with the approved digest).",
    security: "agentKey",
    parameters: [idParameter],
    body: { schema: "ExecutionReport", description: "The outcome, the executed digest and an optional result (JSON, at most 64 KiB)." },
    success: [{ status: 201, description: "Recorded (with a receipt).", schema: "ExecutionRecorded" }],
    errors: {
      400: ["invalid_body"],
      401: ["unauthenticated"],
      404: ["not_found"],
      409: ["not_approved", "already_reported"],
      413: ["payload_too_large"],
      415: ["unsupported_media_type"],
      429: [RATE_LIMITED],
    },
  },
  {
    method: "get",
    path: "/api/v1/webhook",
    operationId: "getWebhook",
    summary: "Read the agent's webhook URL",
    security: "agentKey",
    success: [{ status: 200, description: "The registered URL, or null. The secret is never returned here.", schema: "Webhook" }],
    errors: { 401: ["unauthenticated"], 429: [RATE_LIMITED] },
  },
  {
    method: "put",
    path: "/api/v1/webhook",
    operationId: "setWebhook",
    summary: "Register or replace the agent's webhook",
    description: "Returns a new signing secret each time, shown only in this response. URLs into the server's own network are refused.",
    security: "agentKey",
    body: { schema: "WebhookRegistration", description: "The callback URL (absolute http(s), no credentials, no fragment, public)." },
    success: [{ status: 200, description: "Registered; keep the secret to verify deliveries.", schema: "WebhookRegistered" }],
    errors: { 400: ["invalid_body"], 401: ["unauthenticated"], 413: ["payload_too_large"], 415: ["unsupported_media_type"], 429: [RATE_LIMITED] },
  },
  {
    method: "delete",
    path: "/api/v1/webhook",
    operationId: "removeWebhook",
    summary: "Remove the agent's webhook",
    description: "Undelivered events are dropped.",
    security: "agentKey",
    success: [{ status: 200, description: "removed is false when none was registered.", schema: "WebhookRemoved" }],
    errors: { 401: ["unauthenticated"], 429: [RATE_LIMITED] },
  },
  {
    method: "post",
    path: "/api/v1/approval-tokens/verify",
    operationId: "verifyApprovalToken",
    summary: "Redeem an approval token online (for tools)",
    description:
      "A downstream tool checks the approval token an agent presents before acting. A valid answer spends the approval: every other token of the proposal is refused as replayed from then on. " +
      "Authenticated with a tool key; an agent key is refused.",
    security: "toolKey",
    body: { schema: "ApprovalTokenVerifyRequest", description: "The token, and optionally the digest the tool is about to execute. The redeeming tool is the one whose key is used." },
    success: [{ status: 200, description: "Valid: the approval is now spent.", schema: "ApprovalTokenValid" }],
    errors: {
      400: ["invalid_body"],
      401: ["unauthenticated"],
      403: ["agent_key_not_allowed", "forbidden", "malformed", "bad_signature", "expired", "digest_mismatch", "unknown_token", "revoked", "not_approved", "agent_disabled", "wrong_audience", "wrong_issuer"],
      409: ["replayed"],
      413: ["payload_too_large"],
      415: ["unsupported_media_type"],
      429: [RATE_LIMITED],
    },
    errorSchemas: { 403: ["ApprovalTokenRefused", "Error"], 409: ["ApprovalTokenRefused"] },
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This document",
    security: "none",
    success: [{ status: 200, description: "The OpenAPI 3.1 description of the agent API.", schema: "OpenApiDocument" }],
    errors: { 429: [RATE_LIMITED] },
  },
];

/** Moves a generated schema's $defs into components, renaming and re-pointing their $refs. */
function hoist(name: string, generated: Json, components: Json): Json {
  const defs = (generated.$defs ?? {}) as Record<string, Json>;
  const { $schema: _schema, $defs: _defs, ...schema } = generated;
  const renamed = new Map(Object.keys(defs).map((key) => [`#/$defs/${key}`, `#/components/schemas/${name}_${key.replace(/^_+/, "")}`]));
  const repoint = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(repoint);
    if (!value || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, key === "$ref" && typeof inner === "string" ? (renamed.get(inner) ?? inner) : repoint(inner)]),
    );
  };
  for (const [key, def] of Object.entries(defs)) components[renamed.get(`#/$defs/${key}`)!.split("/").at(-1)!] = repoint(def);
  return repoint(schema) as Json;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const SECURITY: Record<Security, Json[]> = { agentKey: [{ agentKey: [] }], toolKey: [{ toolKey: [] }], none: [] };

function operationObject(op: Operation): Json {
  const responses: Json = {};
  for (const s of op.success) {
    responses[String(s.status)] = { description: s.description, ...(s.headers ? { headers: s.headers } : {}), content: { "application/json": { schema: ref(s.schema) } } };
  }
  for (const [status, codes] of Object.entries(op.errors)) {
    const schemas = op.errorSchemas?.[Number(status)] ?? ["Error"];
    const schema = schemas.length === 1 ? ref(schemas[0]!) : { oneOf: schemas.map(ref) };
    responses[status] = {
      description: `Error codes: ${codes.map((c) => `\`${c}\``).join(", ")}.`,
      ...(status === "429" ? { headers: retryAfter } : {}),
      content: { "application/json": { schema } },
      "x-error-codes": codes,
    };
  }
  responses["500"] = { description: "Error code: `internal_error` (with a request_id to quote). Never caused by the request itself.", content: { "application/json": { schema: ref("Error") } } };
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: SECURITY[op.security],
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.body ? { requestBody: { required: true, description: op.body.description, content: { "application/json": { schema: ref(op.body.schema) } } } } : {}),
    responses,
  };
}

function buildDocument(serverUrl: string): Json {
  const schemas: Json = {};
  for (const [name, [schema, io]] of Object.entries(SCHEMAS)) {
    schemas[name] = hoist(name, z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json, schemas);
  }
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) paths[op.path] = { ...paths[op.path], [op.method]: operationObject(op) };
  return {
    openapi: "3.1.0",
    info: {
      title: "Countersign agent API",
      version: "1",
      description:
        "Agents propose actions; people approve or reject them; downstream tools check approval tokens. " +
        'Every error body is {"error": {"code", "message", "issues"?}}. Reference: docs/agent-api.md in the repository.',
    },
    servers: [{ url: serverUrl }],
    security: SECURITY.agentKey,
    paths,
    webhooks: {
      proposalEvent: {
        post: {
          summary: "A proposal of this agent changed (decided, expired, executed, ...)",
          description:
            "POSTed to the agent's registered URL, signed twice over the raw body: Countersign-Signature (t=<unix>,v1=<hex HMAC-SHA256 of \"t.body\" keyed with the secret string>) and " +
            "Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of \"id.timestamp.body\" keyed with the secret's base64-decoded bytes>). See docs/webhooks.md.",
          parameters: [
            { name: "Countersign-Signature", in: "header", required: true, schema: { type: "string" } },
            { name: "Countersign-Delivery", in: "header", required: true, schema: { type: "string" } },
            { name: "Countersign-Event", in: "header", required: true, schema: { type: "string" } },
            { name: "webhook-id", in: "header", required: true, schema: { type: "string" } },
            { name: "webhook-timestamp", in: "header", required: true, schema: { type: "string" } },
            { name: "webhook-signature", in: "header", required: true, schema: { type: "string" } },
          ],
          requestBody: { required: true, content: { "application/json": { schema: ref("WebhookEvent") } } },
          responses: { "200": { description: "Any 2xx marks the delivery done; anything else (or no answer in 10 s) is retried with backoff." } },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: {
        agentKey: { type: "http", scheme: "bearer", description: "An agent's API key (npm run cli -- agent:create), as Authorization: Bearer <key>." },
        toolKey: { type: "http", scheme: "bearer", description: "A tool's key (npm run cli -- tool:create), as Authorization: Bearer <key>." },
      },
    },
  };
}

const cache = new Map<string, Json>();

/** The document for this server (its PUBLIC_URL), built once per process. */
export function openApiDocument(serverUrl = env().PUBLIC_URL.replace(/\/$/, "")): Json {
  let document = cache.get(serverUrl);
  if (!document) cache.set(serverUrl, (document = buildDocument(serverUrl)));
  return document;
}
