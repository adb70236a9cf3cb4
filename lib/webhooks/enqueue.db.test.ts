// The outbox's write side: a delivery exists exactly when the change it
// reports committed, carries the agent API's decision shape, and is cheap for
// big batches (in-lists chunked under SQLite's parameter limit).
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { expireOverdueProposals } from "@/lib/proposals/expire-proposals";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import { createWebhookWorld } from "@/test-support/webhook-world";
import { enqueueProposalEvents } from "@/lib/webhooks/enqueue";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function world() {
  const w = await createWebhookWorld();
  cleanups.push(w.receiver.close);
  return w;
}

describe("enqueueProposalEvents", () => {
  it("queues nothing when the transaction that made the change rolls back", async () => {
    const w = await world();
    const [id] = await w.pending();
    await expect(
      db.$transaction(async (tx) => {
        await tx.proposal.update({ where: { id }, data: { status: "rejected" } });
        await enqueueProposalEvents(tx, [id!]);
        // Visible inside the transaction...
        expect(await tx.webhookDelivery.count({ where: { proposalId: id } })).toBe(1);
        throw new Error("the decision failed after the event was queued");
      }),
    ).rejects.toThrow("the decision failed");
    // ...and gone with it.
    expect(await db.webhookDelivery.count({ where: { proposalId: id } })).toBe(0);
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
  });

  it("queues one event per committed decision, with the same decision the agent's GET returns", async () => {
    const w = await world();
    const [id] = await w.pending();
    const sam = await createTestUser("approver", "Sam Reviewer");
    await decideProposals(sam, { ids: [id!], outcome: "rejected", reason: "Duplicate invoice" });

    const rows = await db.webhookDelivery.findMany({ where: { proposalId: id } });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ agentId: w.agent.id, event: "proposal.rejected", url: w.receiver.url, status: "pending", attempts: 0 });
    const body = JSON.parse(row.body);
    const got = await getProposal(w.apiKey, id!);
    expect(body).toEqual({
      id: row.id,
      type: "proposal.rejected",
      created_at: expect.any(String),
      data: { proposal_id: id, status: "rejected", digest: got.body.digest, decision: got.body.decision },
    });
    expect(body.data.decision).toMatchObject({ outcome: "rejected", reason: "Duplicate invoice", decided_by: { id: sam.id, email: sam.email } });
  });

  it("skips agents without a callback and handles hundreds of ids in one call", async () => {
    const w = await world();
    const [withHook] = await w.pending();
    const plain = await createTestWorld();
    const withoutHook = (await postProposal(plain.apiKey, sampleEnvelope(plain.queue.slug))).body.id as string;
    // More ids than SQLite binds in one statement: the in-list must be chunked.
    const filler = Array.from({ length: 1200 }, (_, i) => `missing-${i}`);
    await db.$transaction(async (tx) => {
      await enqueueProposalEvents(tx, [...filler, withHook!, withoutHook, withHook!]);
    });
    expect(await db.webhookDelivery.count({ where: { proposalId: withHook } })).toBe(1);
    expect(await db.webhookDelivery.count({ where: { proposalId: withoutHook } })).toBe(0);
  });

  it("queues a batch decision as one event per proposal", async () => {
    const w = await world();
    const ids = await w.pending(5);
    const dana = await createTestUser("approver", "Dana Ops");
    await decideProposals(dana, { ids, outcome: "approved" });
    const rows = await db.webhookDelivery.findMany({ where: { agentId: w.agent.id }, select: { proposalId: true, event: true } });
    expect(rows.map((r) => r.proposalId).sort()).toEqual([...ids].sort());
    expect(new Set(rows.map((r) => r.event))).toEqual(new Set(["proposal.approved"]));
  });

  it("a batch mixing agents with and without a callback: every item decided with its receipt, an event for each of the callback agent's", async () => {
    // Batches are written on the database driver; one with an event due is written again in a Prisma transaction.
    const w = await world();
    const hooked = await w.pending(3);
    const plain = await createTestWorld();
    const unhooked: string[] = [];
    for (let i = 0; i < 3; i++) unhooked.push((await postProposal(plain.apiKey, sampleEnvelope(plain.queue.slug))).body.id as string);
    const dana = await createTestUser("approver", "Dana Ops");
    const result = await decideProposals(dana, { ids: [...unhooked, ...hooked], outcome: "approved" });
    expect(result.decided).toHaveLength(6);
    const rows = await db.webhookDelivery.findMany({ where: { proposalId: { in: [...hooked, ...unhooked] } }, select: { proposalId: true } });
    expect(rows.map((r) => r.proposalId).sort()).toEqual([...hooked].sort());
    expect(await db.receipt.count({ where: { proposalId: { in: [...hooked, ...unhooked] }, kind: "approved", batchId: result.batchId } })).toBe(6);
    expect(await db.decision.count({ where: { proposalId: { in: [...hooked, ...unhooked] }, userId: dana.id } })).toBe(6);
  });

  it("queues proposal.expired, with no decision, when the sweeper expires a proposal", async () => {
    const w = await world();
    const [id] = await w.pending();
    await db.proposal.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    await expireOverdueProposals();
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { proposalId: id } });
    expect(row.event).toBe("proposal.expired");
    expect(JSON.parse(row.body).data).toMatchObject({ proposal_id: id, status: "expired", decision: null });
  });
});
