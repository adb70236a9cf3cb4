
// Intake: validate, authorize against the agent's grant, compute tier and
// digest, and record the proposal with its receipts in one transaction.
// Idempotency keys are scoped per agent and enforced by a unique index, so
// concurrent retries create exactly one proposal.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ApiError, invalidEnvelope } from "@/lib/http/api-error";
import type { NewReceipt } from "@/lib/receipts/append-receipt";
function receiptData(receipt: NewReceipt) {
  return { kind: receipt.kind, actorType: receipt.actor.type, actorId: receipt.actor.id, actor: receipt.actor, proposalId: receipt.proposalId ?? null, digest: receipt.digest ?? null, reason: receipt.reason ?? null, batchId: receipt.batchId ?? null, payload: receipt.payload as object, createdAt: receipt.at ?? new Date() };
}
import { findQueueBySlug } from "@/lib/queues/find-queue-by-slug";
import { highestTier, scopesOutsideGrant } from "@/lib/policy/scopes";
import { intakeOutcome } from "./h2-tmp-intake-policy.ts";
import { digestOf } from "@/lib/proposals/digest";
import { validateEnvelope } from "@/lib/proposals/envelope";
import { envelopeColumns } from "@/lib/proposals/envelope-columns";
import type { AuthenticatedAgent } from "@/lib/agents/authenticate-agent";

export type IntakeResponse = { id: string; status: string; tier: string; digest: string; url: string };
export type IntakeResult = { created: boolean; response: IntakeResponse };

const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export async function createProposal(
  agent: AuthenticatedAgent,
  body: unknown,
  idempotencyKey: string | null,
): Promise<IntakeResult> {
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    throw invalidEnvelope([{ path: "header:Idempotency-Key", message: "must be 1 to 200 visible ASCII characters" }]);
  }
  const validation = validateEnvelope(body);
  if (!validation.ok) throw invalidEnvelope(validation.issues);
  const envelope = validation.envelope;

  const outside = scopesOutsideGrant(envelope.scopes, agent.scopes);
  if (outside.length > 0) {
    throw new ApiError(
      403,
      "scope_not_granted",
      `This agent is not granted ${outside.join(", ")}; the whole proposal is refused. Ask its sponsor to extend the grant.`,
      { scopes: outside },
    );
  }

  const digest = digestOf(body);
  if (idempotencyKey !== null) {
    const earlier = await replayIdempotent(agent.id, idempotencyKey, digest);
    if (earlier) return earlier;
  }

  const queue = await findQueueBySlug(envelope.queue);
  if (!queue) {
    throw invalidEnvelope([{ path: "queue", message: `no queue "${envelope.queue}"; queues are created by an admin` }]);
  }

  const tier = highestTier([...envelope.scopes, ...envelope.plan.map((step) => step.scope)]);
  const outcome = intakeOutcome(tier);
  const now = new Date();
  const expiresAt = envelope.expires_at
    ? new Date(envelope.expires_at)
    : queue.defaultTtlSeconds
      ? new Date(now.getTime() + queue.defaultTtlSeconds * 1000)
      : null;
  const id = randomUUID();
  const response: IntakeResponse = { id, status: outcome.status, tier, digest, url: `${env().PUBLIC_URL.replace(/\/$/, "")}/proposals/${id}` };

  const agentActor = { type: "agent", id: agent.id, name: agent.name } as const;
  const receipts = [
    receiptData({
      kind: "proposed",
      actor: agentActor,
      digest,
      at: now,
      payload: { proposal_id: id, queue: queue.slug, intent: envelope.intent, tier, scopes: envelope.scopes, status: outcome.status },
    }),
  ];
  if (outcome.status === "approved") {
    receipts.push(
      receiptData({
        kind: "auto_approved",
        actor: { type: "policy", id: outcome.policyId, name: "Default tier policy" },
        digest,
        reason: outcome.reason,
        at: now,
        payload: { proposal_id: id, outcome: "approved", tier, policies: [outcome.policyId] },
      }),
    );
  }

  try {
    // One nested create: the proposal, its first version and its receipts are
    // written atomically in a single statement plan (no interactive transaction
    // holding SQLite's write lock across round trips).
    await db.proposal.create({
      data: {
        id,
        agentId: agent.id,
        queueId: queue.id,
        ...envelopeColumns(envelope, body),
        tier,
        digest,
        status: outcome.status,
        idempotencyKey,
        intakeResponse: response,
        expiresAt,
        decidedAt: outcome.status === "approved" ? now : null,
        createdAt: now,
        versions: { create: { version: 1, plan: envelope.plan, digest, createdAt: now } },
        receipts: { create: receipts.map(({ proposalId: _p, ...row }) => row) },
      },
      select: { id: true },
    });
  } catch (error) {
    // Another request with the same key won the race: answer as its replay.
    if (idempotencyKey !== null && isUniqueViolation(error)) {
      const earlier = await replayIdempotent(agent.id, idempotencyKey, digest);
      if (earlier) return earlier;
    }
    throw error;
  }
  return { created: true, response };
}

async function replayIdempotent(agentId: string, key: string, digest: string): Promise<IntakeResult | null> {
  const existing = await db.proposal.findUnique({
    where: { agentId_idempotencyKey: { agentId, idempotencyKey: key } },
    select: { digest: true, intakeResponse: true },
  });
  if (!existing) return null;
  if (existing.digest !== digest) {
    throw new ApiError(
      422,
      "idempotency_key_reused",
      "This Idempotency-Key was already used with a different body. Use a new key for a new proposal.",
    );
  }
  return { created: false, response: existing.intakeResponse as IntakeResponse };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
