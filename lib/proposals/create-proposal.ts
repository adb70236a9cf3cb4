import "server-only";
// Intake: validate, authorize against the agent's grant, compute tier and
// digest, and record the proposal with its receipts in one transaction.
// Idempotency keys are scoped per agent and enforced by a unique index, so
// concurrent retries create exactly one proposal.
import { policyApprovalReceipt, proposedReceipt } from "@/lib/proposals/intake-receipts";
import { randomUUID } from "node:crypto";
import { driverSql } from "@/lib/db/driver-sql";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { readJson, sqlParam } from "@/lib/db/raw-values";
import { commitIntake } from "@/lib/proposals/intake-group-commit";
import { insertProposalRow, isUniqueViolation } from "@/lib/proposals/insert-proposal-row";
import { env } from "@/lib/env";
import { invalidEnvelope } from "@/lib/http/api-error";
import { AppError } from "@/lib/base/app-error";
import type { NewReceipt } from "@/lib/receipts/append-receipt";
import { findQueueBySlug } from "@/lib/queues/find-queue-by-slug";
import { queueNotAllowedMessage, ungovernedDomains } from "@/lib/queues/queue-domains";
import { highestTier, scopesOutsideGrant } from "@/lib/policy/scopes";
import { authorizePropose, intakeOutcome, type IntakeFacts } from "@/lib/policy/engine";
import { digestOf } from "@/lib/base/canonical-json";
import { validateEnvelope } from "@/lib/proposals/envelope";
import { envelopeColumns } from "@/lib/proposals/envelope-columns";
import { shapeKey } from "@/lib/proposals/shape-key";
import type { AuthenticatedAgent } from "@/lib/agents/authenticate-agent";
import { standingApprovalFor, standingApprovalReceipt } from "@/lib/standing-approvals/standing-approval-at-intake";

export type IntakeResponse = { id: string; status: string; tier: string; digest: string; url: string };
export type IntakeResult = { created: boolean; response: IntakeResponse };

const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export async function createProposal(
  agent: AuthenticatedAgent,
  body: unknown,
  idempotencyKey: string | null,
  now = new Date(),
): Promise<IntakeResult> {
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    throw invalidEnvelope([{ path: "header:Idempotency-Key", message: "must be 1 to 200 visible ASCII characters" }]);
  }
  const validation = validateEnvelope(body, now);
  if (!validation.ok) throw invalidEnvelope(validation.issues);
  const envelope = validation.envelope;

  // Who may propose what is Cedar policy (lib/policy/cedar): outside the grant
  // the whole proposal is refused, fail closed, naming the refusing policies
  // (apiHandler puts them in the security log).
  const allScopes = [...envelope.scopes, ...envelope.plan.map((step) => step.scope)];
  const tier = highestTier(allScopes);
  const facts: IntakeFacts = {
    agent,
    proposal: { queue: envelope.queue, tier, risk: envelope.risk ?? "medium", intent: envelope.intent, scopes: envelope.scopes, actorEmail: envelope.actor.email },
  };
  const permission = authorizePropose(facts);
  if (!permission.allowed) {
    const outside = scopesOutsideGrant(envelope.scopes, agent.scopes);
    throw new AppError("forbidden", outside.length > 0 ? "scope_not_granted" : "policy_denied", permission.message, {
      ...(outside.length > 0 ? { scopes: outside } : {}),
      policies: permission.policies,
    });
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
  // The queue decides who approves and under which rules, so the agent may not
  // pick it freely: every scope (plan steps' too) must be of a domain the queue
  // governs. Checked after the grant, so an agent asking for a scope it does not
  // hold hears scope_not_granted, whatever the queue.
  const ungoverned = ungovernedDomains(allScopes, queue.domains);
  if (ungoverned.length > 0) {
    throw new AppError("forbidden", "queue_not_allowed", queueNotAllowedMessage(queue.slug, ungoverned, queue.domains), {
      queue: queue.slug,
      domains: ungoverned,
    });
  }

  const outcome = intakeOutcome(facts);
  const expiresAt = envelope.expires_at
    ? new Date(envelope.expires_at)
    : queue.defaultTtlSeconds
      ? new Date(now.getTime() + queue.defaultTtlSeconds * 1000)
      : null;
  const id = randomUUID();
  const response: IntakeResponse = { id, status: outcome.status, tier, digest, url: `${env().PUBLIC_URL.replace(/\/$/, "")}/proposals/${id}` };

  const agentActor = { type: "agent", id: agent.id, name: agent.name } as const;
  // A standing approval may approve what the policies leave pending: its
  // Cedar policy is asked here, its limits in the transaction below. Not
  // looked for when the agent had none live as its key was read.
  const standing =
    outcome.status === "pending" && agent.liveStandingApprovals !== false
      ? await standingApprovalFor({ agent, queueId: queue.id, facts, plan: envelope.plan, now })
      : null;
  const created = { id, digest, tier, at: now };
  const proposed = (status: string, policies: string[]) =>
    proposedReceipt(created, agentActor, { queue: queue.slug, intent: envelope.intent, scopes: envelope.scopes, status, policies });
  const receipts: NewReceipt[] = outcome.status === "approved" ? [proposed(outcome.status, outcome.policies), policyApprovalReceipt(created, outcome)] : [];
  const createdEvent = { type: "created" as const, at: now, queueId: queue.id, agentId: agent.id, autoApproved: outcome.status === "approved" };
  try {
    // The proposal with its first version, then its receipts on the chain,
    // committed together; concurrent proposals share the transaction (group
    // commit); a failing one fails alone (intake-group-commit.ts).
    await commitIntake({
      agentId: agent.id,
      receipts,
      insights: [createdEvent],
      write: async (sql) => {
        // Pending for people unless a standing approval has a use left now.
        const used = standing ? await standing.take(sql) : null;
        const status = used ? "approved" : outcome.status;
        // Read by the commit after this write: a standing approval's use counts as approved without a person.
        createdEvent.autoApproved = status === "approved";
        const policies = used ? [used.policyId] : outcome.policies;
        response.status = status;
        const columns = envelopeColumns(envelope, body);
        await insertProposalRow(sql, {
          id,
          agentId: agent.id,
          queueId: queue.id,
          ...columns,
          shapeKey: shapeKey({ agentId: agent.id, queueId: queue.id, intent: envelope.intent, plan: envelope.plan, changes: envelope.changes }),
          tier,
          digest,
          status,
          requiredApprovals: outcome.requiredApprovals,
          policies,
          idempotencyKey,
          intakeResponse: response,
          expiresAt,
          decidedAt: status === "approved" ? now : null,
          createdAt: now,
        });
        if (outcome.status === "approved") return [];
        return used ? [proposed(status, policies), standingApprovalReceipt(created, used)] : [proposed(status, policies)];
      },
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

// A prepared statement on the driver (lib/db/driver-sql.ts): agents that retry send a key with every proposal.
async function replayIdempotent(agentId: string, key: string, digest: string): Promise<IntakeResult | null> {
  const [existing] = await (await driverSql()).query<{ digest: string; intakeResponse: unknown }>(
    `SELECT "digest", "intakeResponse" FROM ${qualifiedTable("Proposal")} WHERE "agentId" = ${sqlParam(1)} AND "idempotencyKey" = ${sqlParam(2)}`,
    [agentId, key],
  );
  if (!existing) return null;
  if (existing.digest !== digest) {
    throw new AppError(
      "unprocessable",
      "idempotency_key_reused",
      "This Idempotency-Key was already used with a different body. Use a new key for a new proposal.",
    );
  }
  return { created: false, response: readJson(existing.intakeResponse) as IntakeResponse };
}

