// The proposal envelope (contract section 2): what an agent sends. Strict at
// every level, so a typo or a claimed status/decider/agent id is refused
// instead of silently stored.
import { z } from "zod";
import { parseScope } from "@/lib/policy/scopes";
import type { IssueDetail } from "@/lib/base/json-path";
import { formatPath } from "@/lib/base/json-path";
import { jsonValueIssues } from "@/lib/base/json-limits";
import { envelopeTextIssues } from "@/lib/proposals/envelope-text";
import { issueDetails } from "@/lib/base/zod-issues";

export const MAX_BODY_BYTES = 1024 * 1024;

const scopeSchema = z
  .string()
  .refine((s) => parseScope(s) !== null, "must be <domain>:<tier> with tier read, write:draft or commit (e.g. ap:commit)");

/**
 * Any JSON value, unchecked here: validateEnvelope runs jsonValueIssues first,
 * which refuses whatever JSON cannot hold, so what reaches the schema is JSON.
 * Not z.json(): a recursive union that walked every nested value of inputs,
 * arguments and field changes once more, about a third of the schema's time
 * at intake (docs/benchmarks.md). Described as "any value" in the OpenAPI document.
 */
const jsonValue = z.custom<z.core.util.JSONType>(() => true).meta({ description: "Any JSON value." });
const jsonObject = z.record(z.string(), jsonValue);

const actorSchema = z.strictObject({
  type: z.enum(["user", "service", "team"], { message: "must be user, service or team" }),
  id: z.string().min(1).max(200),
  email: z.email().max(320).optional(),
  name: z.string().min(1).max(200).optional(),
});

// The agent's identity comes from its API key; the body only describes the model run.
const agentRunSchema = z.strictObject({
  model: z.string().min(1).max(200).optional(),
  version: z.string().min(1).max(200).optional(),
  run_id: z.string().min(1).max(200).optional(),
});

const planStepSchema = z.strictObject({
  title: z.string().min(1).max(500),
  tool: z.string().min(1).max(200),
  scope: scopeSchema,
  args: jsonObject,
});

const changeTargetSchema = z.strictObject({
  type: z.string().min(1).max(100),
  id: z.string().min(1).max(200),
  label: z.string().max(500).optional(),
  /** The target's version as the agent read it (an ETag, a revision, an updated-at): checked again before executing. */
  version: z.string().min(1).max(200).optional(),
});

const fieldChangesSchema = z.strictObject({
  target: changeTargetSchema,
  fields: z
    .array(z.strictObject({ path: z.string().min(1).max(500), before: jsonValue.optional(), after: jsonValue.optional() }))
    .min(1)
    .max(500),
});

const textChangeSchema = z.strictObject({
  target: changeTargetSchema,
  format: z.literal("text"),
  before: z.string(),
  after: z.string(),
});

const changeSchema = z.union([fieldChangesSchema, textChangeSchema], {
  message: "a change has either fields [{path, before, after}] or format \"text\" with before and after strings",
});

const artifactSchema = z.strictObject({
  type: z.string().min(1).max(100),
  id: z.string().max(200).optional(),
  url: z.url().max(2000).optional(),
  label: z.string().max(500).optional(),
});

export const envelopeSchema = z.strictObject({
  queue: z.string().min(1).max(100),
  intent: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9][a-z0-9_.:-]*$/i, "letters, digits and _ . : - only (e.g. pay_vendor_bill)"),
  title: z.string().trim().min(1).max(300),
  summary: z.string().max(5000).optional(),
  actor: actorSchema,
  agent: agentRunSchema.optional(),
  scopes: z.array(scopeSchema).min(1, "at least one scope is required").max(50),
  risk: z.enum(["low", "medium", "high", "critical"], { message: "must be low, medium, high or critical" }).optional(),
  inputs: jsonObject.optional(),
  plan: z.array(planStepSchema).min(1, "at least one plan step is required").max(200),
  /** The compensating action, steps like `plan`: what "Roll back" proposes once this one was executed. */
  rollback: z.array(planStepSchema).min(1, "a rollback plan has at least one step").max(200).optional(),
  changes: z.array(changeSchema).max(200).optional(),
  artifacts: z.array(artifactSchema).max(100).optional(),
  trace: z.record(z.string(), z.string().max(500)).optional(),
  expires_at: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with a time zone" }).optional(),
});

export type Envelope = z.infer<typeof envelopeSchema>;
export type PlanStep = z.infer<typeof planStepSchema>;
export type Change = z.infer<typeof changeSchema>;
export { planStepSchema };

export { formatPath };

/** Validates a parsed JSON body; returns the envelope or every problem with its path. */
export function validateEnvelope(body: unknown, now = new Date()): { ok: true; envelope: Envelope } | { ok: false; issues: IssueDetail[] } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, issues: [{ path: "(body)", message: "must be a JSON object" }] };
  }
  // Shape first (depth, surrogates, NUL, inexact numbers), then hidden text:
  // both before the schema, whose recursion and storage assume sane input.
  const shape = jsonValueIssues(body);
  if (shape.length > 0) return { ok: false, issues: shape };
  const text = envelopeTextIssues(body);
  if (text.length > 0) return { ok: false, issues: text };
  const result = envelopeSchema.safeParse(body, { reportInput: true }); // zod-issues.ts says why
  if (!result.success) return { ok: false, issues: issueDetails(result.error.issues, unknownFieldMessage) };
  const issues: IssueDetail[] = [];
  const envelope = result.data;
  const declared = new Set(envelope.scopes);
  envelope.plan.forEach((step, index) => {
    if (!declared.has(step.scope)) {
      issues.push({ path: `plan[${index}].scope`, message: `"${step.scope}" is not one of the proposal's scopes` });
    }
  });
  envelope.rollback?.forEach((step, index) => {
    if (!declared.has(step.scope)) {
      issues.push({ path: `rollback[${index}].scope`, message: `"${step.scope}" is not one of the proposal's scopes` });
    }
  });
  if (envelope.expires_at && new Date(envelope.expires_at).getTime() <= now.getTime()) {
    issues.push({ path: "expires_at", message: "is in the past" });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, envelope };
}

function unknownFieldMessage(parent: ReadonlyArray<PropertyKey>, key: string): string {
  if (parent.length === 0 && ["status", "decision", "decided_by", "approved_by", "approval"].includes(key)) {
    return "unknown field: statuses and decisions are set by Countersign, never by the agent";
  }
  if (parent.length === 1 && parent[0] === "agent") {
    return "unknown field: the agent's identity comes from its API key; agent holds only model, version and run_id";
  }
  return "unknown field";
}
