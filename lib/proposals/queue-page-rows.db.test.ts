// A queue page's rows read as plain SQL (queue-page-rows.ts) hold the same
// values as the query builder's read they replace: every column the list
// shows, the queue, agent and execution (present or not), the intake policies,
// whether a rollback plan was sent, in the ids' order, unknown ids left out.
import { describe, expect, it, onTestFinished } from "vitest";
import { databaseTarget, db } from "@/lib/db/client";
import { listQueue } from "@/lib/proposals/list-queue";
import { sqlParam } from "@/lib/db/raw-values";
import { parseQueueFilters } from "@/lib/proposals/queue-filters";
import { queuePageRows } from "@/lib/proposals/queue-page-rows";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";

describe("queuePageRows", () => {
  it("reads what the query builder read, in the ids' order", async () => {
    const world = await createTestWorld();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: `Pay bill ${i}`, risk: (["low", "high", "critical"] as const)[i % 3] }));
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    // Vary what the list reads: decided, an expiry, an edit waiting for a second approver, no rollback plan,
    // policies naming a standing approval, an execution that matched and one that did not.
    await db.proposal.update({ where: { id: ids[0] }, data: { status: "approved", decidedAt: new Date("2026-01-02T03:04:05.678Z"), policies: ["standing-approval:abc"] } });
    await db.proposal.update({ where: { id: ids[1] }, data: { expiresAt: new Date("2030-05-06T07:08:09.010Z"), actorName: null, actorEmail: null } });
    await db.proposal.update({ where: { id: ids[2] }, data: { commitEditedById: world.sponsor.id, version: 3, approvalCount: 1, requiredApprovals: 2 } });
    await db.proposal.update({ where: { id: ids[3] }, data: { rollbackPlan: { steps: [{ tool: "undo" }] } } });
    await db.proposal.update({ where: { id: ids[4] }, data: { status: "executed" } });
    await db.proposal.update({ where: { id: ids[5] }, data: { status: "executed" } });
    await db.execution.create({ data: { proposalId: ids[4]!, agentId: world.agent.id, outcome: "executed", digest: "d", digestMatches: true } });
    await db.execution.create({ data: { proposalId: ids[5]!, agentId: world.agent.id, outcome: "stale", digest: "x", digestMatches: false } });

    const order = [ids[3]!, "no-such-id", ids[0]!, ids[5]!, ids[1]!, ids[4]!, ids[2]!];
    const byBuilder = await db.proposal.findMany({
      where: { id: { in: order } },
      select: {
        id: true, title: true, intent: true, status: true, tier: true, risk: true, createdAt: true, expiresAt: true, actorId: true, actorName: true,
        actorEmail: true, agentModel: true, approvalCount: true, requiredApprovals: true, commitEditedById: true, version: true, decidedAt: true,
        policies: true, rollbackPlan: true,
        execution: { select: { digestMatches: true, outcome: true } },
        queue: { select: { slug: true, name: true } },
        agent: { select: { name: true } },
      },
    });
    const expected = order.flatMap((id) => byBuilder.filter((r) => r.id === id)).map(({ rollbackPlan, ...r }) => ({ ...r, hasRollbackPlan: rollbackPlan !== null }));
    expect(expected.map((r) => r.id)).toEqual(order.filter((id) => id !== "no-such-id"));
    expect(expected.some((r) => r.hasRollbackPlan) && expected.some((r) => !r.hasRollbackPlan)).toBe(true);
    expect(await queuePageRows(order)).toEqual(expected);
    expect(await queuePageRows([])).toEqual([]);
  });

  // Someone who can write to the database (no signing key needed) plants values no writer makes. SQLite
  // stores any text in any column; one such row used to fail the list for every operator (JSON.parse of
  // its policies, an Invalid Date's toISOString). PostgreSQL's column types refuse such text, so there the
  // planted policies are well-formed JSON of the wrong shape.
  it("a row planted with values that are not JSON or not dates does not fail the page that lists it", async () => {
    const world = await createTestWorld();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: `Planted ${i}` }));
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    // The database tests share one database per run, and others read every proposal (the insights'
    // recompute): the planted values are put back when this test is done.
    onTestFinished(async () => {
      // Each planted column from the third proposal, which was left as intake wrote it.
      for (const id of ids.slice(0, 2)) {
        await db.$executeRawUnsafe(
          `UPDATE "Proposal" SET ("policies", "expiresAt", "createdAt", "decidedAt") = (SELECT "policies", "expiresAt", "createdAt", "decidedAt" FROM "Proposal" WHERE "id" = ${sqlParam(1)}) WHERE "id" = ${sqlParam(2)}`,
          ids[2],
          id,
        );
      }
      // The whole history reads through the query builder again (it threw on the planted text).
      expect(await db.proposal.findMany({ where: { id: { in: ids } }, select: { createdAt: true, expiresAt: true, decidedAt: true, policies: true } })).toHaveLength(3);
    });
    if (databaseTarget.provider === "sqlite") {
      await db.$executeRawUnsafe(`UPDATE "Proposal" SET "policies" = '{not json', "expiresAt" = 'garbage' WHERE "id" = ?`, ids[0]);
      await db.$executeRawUnsafe(`UPDATE "Proposal" SET "createdAt" = 'nope', "decidedAt" = 'x' WHERE "id" = ?`, ids[1]);
    } else {
      await db.$executeRawUnsafe(`UPDATE "Proposal" SET "policies" = '{"standing": 7}'::jsonb WHERE "id" = $1`, ids[0]);
    }

    const rows = await queuePageRows(ids);
    expect(rows.map((r) => r.id)).toEqual(ids);
    if (databaseTarget.provider === "postgresql") expect(rows[0]!.policies).toEqual({ standing: 7 });
    else {
      expect(rows[0]!.policies).toBeNull();
      expect(rows[0]!.expiresAt).toBeNull();
      expect(rows[1]!.createdAt.getTime()).toBe(0);
      expect(rows[1]!.decidedAt).toBeNull();
    }
    const page = await listQueue(parseQueueFilters({ status: "all", queue: world.queue.slug }), null);
    expect(page.rows.map((r) => r.id)).toEqual(expect.arrayContaining(ids));
  });
});

