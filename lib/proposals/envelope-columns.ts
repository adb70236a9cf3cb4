// How an envelope maps onto the Proposal row's columns: shared by intake and
// the demo seed, so stored proposals always have the same shape.
import type { Envelope } from "@/lib/proposals/envelope";
import { riskRank } from "@/lib/proposals/risk";

export function envelopeColumns(envelope: Envelope, rawBody: unknown) {
  const risk = envelope.risk ?? "medium";
  return {
    intent: envelope.intent,
    title: envelope.title,
    summary: envelope.summary ?? null,
    actorType: envelope.actor.type,
    actorId: envelope.actor.id,
    actorEmail: envelope.actor.email ?? null,
    actorName: envelope.actor.name ?? null,
    agentModel: envelope.agent?.model ?? null,
    agentVersion: envelope.agent?.version ?? null,
    agentRunId: envelope.agent?.run_id ?? null,
    scopes: envelope.scopes,
    risk,
    riskRank: riskRank(risk),
    inputs: envelope.inputs ?? undefined,
    plan: envelope.plan,
    rollbackPlan: envelope.rollback ?? undefined,
    changes: envelope.changes ?? undefined,
    artifacts: envelope.artifacts ?? undefined,
    trace: envelope.trace ?? undefined,
    /** The body exactly as the agent sent it: the digest is computed over this. */
    envelope: rawBody as object,
  };
}
