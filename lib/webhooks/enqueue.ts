import "server-only";
// The write side of the transactional outbox. Callers pass their own
// transaction, so a delivery row exists exactly when the state change it
// reports committed: a rollback leaves nothing to send, and a crash after the
// commit leaves a pending row that any instance's worker delivers later.
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { asSql, type SqlTarget } from "@/lib/db/sql";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { sqlParam } from "@/lib/db/raw-values";
import { announceProposalChanges } from "@/lib/webhooks/proposal-change-signal";
import { proposalEventBody } from "@/lib/webhooks/event-body";
import { agentDecisionView, AGENT_DECISION_SELECT } from "@/lib/proposal-state/agent-decision";

// SQLite allows at most 999 bound parameters per statement; stay well under it.
const IN_LIST_CHUNK = 400;

/**
 * Queues one `proposal.<status>` event per proposal whose agent has a
 * callback URL, reading each proposal's status as it is now inside `tx`
 * (call it after your updates). Proposals of agents without a callback are skipped.
 */
export async function enqueueProposalEvents(tx: Tx, proposalIds: string[], now = new Date()): Promise<void> {
  const ids = [...new Set(proposalIds)];
  // Long-polls in this process look again now (and shortly after, as this transaction has not committed yet).
  announceProposalChanges(ids);
  const rows: { id: string; agentId: string; proposalId: string; event: string; url: string; body: string; nextAttemptAt: Date; createdAt: Date }[] = [];
  const called = await withCallback(tx, ids);
  for (let i = 0; i < called.length; i += IN_LIST_CHUNK) {
    const chunk = called.slice(i, i + IN_LIST_CHUNK);
    const proposals = await tx.proposal.findMany({
      where: { id: { in: chunk }, agent: { callbackUrl: { not: null } } },
      select: {
        id: true,
        agentId: true,
        agent: { select: { callbackUrl: true } },
        ...AGENT_DECISION_SELECT,
      },
    });
    for (const p of proposals) {
      if (!p.agent.callbackUrl) continue;
      const id = randomUUID();
      const body = proposalEventBody(id, p, now);
      rows.push({
        id,
        agentId: p.agentId,
        proposalId: p.id,
        event: body.type,
        url: p.agent.callbackUrl,
        body: JSON.stringify(body),
        nextAttemptAt: now,
        createdAt: now,
      });
    }
  }
  // createMany binds 8 parameters per row; keep each statement under the limit.
  const perInsert = Math.floor(900 / 8);
  for (let i = 0; i < rows.length; i += perInsert) {
    await tx.webhookDelivery.createMany({ data: rows.slice(i, i + perInsert) });
  }
}

/**
 * For a writer on the database driver (plain SQL; the event bodies are read
 * through the query builder, which cannot join a driver transaction): true
 * when no agent of these proposals has a callback URL, so no event is due and
 * the long-polls are told of the changes, as enqueueProposalEvents tells them;
 * false when some event is due, and the caller must write in a Prisma
 * transaction with enqueueProposalEvents instead. Read inside the caller's
 * transaction, like enqueueProposalEvents' own look-up.
 */
export async function noProposalEventsDue(sql: SqlTarget, proposalIds: string[]): Promise<boolean> {
  const ids = [...new Set(proposalIds)];
  if ((await withCallback(sql, ids)).length > 0) return false;
  announceProposalChanges(ids);
  return true;
}

/**
 * The ids among `ids` whose agent has a callback URL, in one plain statement:
 * most agents have none, and a batch of 500 then skips the query builder's
 * load of 500 proposals with their decision views (compiled and mapped in
 * JavaScript) only to find nothing to send.
 */
async function withCallback(target: SqlTarget, ids: string[]): Promise<string[]> {
  const sql = asSql(target);
  const found: string[] = [];
  for (let i = 0; i < ids.length; i += IN_LIST_CHUNK) {
    const chunk = ids.slice(i, i + IN_LIST_CHUNK);
    const rows = await sql.query<{ id: string }>(
      `SELECT p."id" FROM ${qualifiedTable("Proposal")} p JOIN ${qualifiedTable("Agent")} a ON a."id" = p."agentId" ` +
        `WHERE a."callbackUrl" IS NOT NULL AND p."id" IN (${chunk.map((_, k) => sqlParam(k + 1)).join(", ")})`,
      chunk,
    );
    for (const r of rows) found.push(r.id);
  }
  return found;
}

/**
 * The `proposal.rollback_requested` event: a person asked to roll back an
 * executed proposal, and its rollback is a new proposal (lib/proposals/
 * request-rollback.ts). The body carries both ids and the rollback's decision
 * view, so the agent can wait for it and then execute its approved_plan.
 */
export async function enqueueRollbackRequested(tx: Tx, ids: { rollbackId: string; rollbackOf: string }, now = new Date()): Promise<void> {
  const p = await tx.proposal.findUniqueOrThrow({
    where: { id: ids.rollbackId },
    select: { id: true, agentId: true, agent: { select: { callbackUrl: true } }, ...AGENT_DECISION_SELECT },
  });
  if (!p.agent.callbackUrl) return;
  const id = randomUUID();
  const { status, decision } = agentDecisionView(p, now);
  const body = {
    id,
    type: "proposal.rollback_requested",
    created_at: now.toISOString(),
    data: { proposal_id: p.id, rollback_of: ids.rollbackOf, status, digest: p.digest, decision },
  };
  await tx.webhookDelivery.create({
    data: { id, agentId: p.agentId, proposalId: p.id, event: body.type, url: p.agent.callbackUrl, body: JSON.stringify(body), nextAttemptAt: now, createdAt: now },
  });
}
