// The admin delivery log and its "Retry now", against a real database.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTestUser } from "@/test-support/users";
import { createWebhookWorld } from "@/test-support/webhook-world";
import { listWebhookDeliveries, countWebhookDeliveries, retryWebhookDelivery, DELIVERIES_PAGE_SIZE } from "@/lib/webhooks/admin-deliveries";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver";
import { enqueueProposalEvents } from "@/lib/webhooks/enqueue";
import { removeAgentWebhook, setAgentWebhook } from "@/lib/webhooks/agent-webhook";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function failedDelivery() {
  const w = await createWebhookWorld([500, 200]);
  cleanups.push(w.receiver.close);
  const [id] = await w.pending();
  await db.$transaction(async (tx) => {
    await tx.proposal.update({ where: { id }, data: { status: "rejected" } });
    await enqueueProposalEvents(tx, [id!]);
  });
  await deliverDueWebhooks({ agentId: w.agent.id, maxAttempts: 1 });
  const row = await db.webhookDelivery.findFirstOrThrow({ where: { proposalId: id } });
  expect(row.status).toBe("failed");
  return { ...w, proposalId: id!, delivery: row };
}

describe("admin webhook deliveries", () => {
  it("lists deliveries newest first with agent, event and outcome, filtered by status; only for admins", async () => {
    const admin = await createTestUser("admin");
    const { delivery, agent, proposalId } = await failedDelivery();
    const failed = await listWebhookDeliveries(admin, { status: "failed" });
    expect(failed.rows.find((r) => r.id === delivery.id)).toMatchObject({
      agent: { id: agent.id, name: agent.name },
      event: "proposal.rejected",
      proposalId,
      status: "failed",
      attempts: 1,
      lastStatusCode: 500,
      lastError: "The receiver answered HTTP 500: receiver says no",
      deliveredAt: null,
      sending: false,
    });
    expect((await listWebhookDeliveries(admin, { status: "delivered" })).rows.some((r) => r.id === delivery.id)).toBe(false);
    const counts = await countWebhookDeliveries(admin);
    expect(counts.failed).toBeGreaterThanOrEqual(1);

    const approver = await createTestUser("approver");
    await expect(listWebhookDeliveries(approver, {})).rejects.toThrow(/Only an admin/);
    await expect(retryWebhookDelivery(approver, { deliveryId: delivery.id })).rejects.toThrow(/Only an admin/);
  });

  it("pages by a stable cursor without repeating or skipping rows, even with equal timestamps", async () => {
    const admin = await createTestUser("admin");
    const { agent } = await failedDelivery();
    // More than a page of rows created in the same millisecond: the id breaks the tie.
    const sameMoment = new Date("2001-01-01T00:00:00Z");
    const mine = Array.from({ length: DELIVERIES_PAGE_SIZE + 10 }, (_, i) => `old-delivery-${agent.id}-${String(i).padStart(3, "0")}`);
    await db.webhookDelivery.createMany({
      data: mine.map((id) => ({ id, agentId: agent.id, event: "proposal.rejected", url: "https://agent.example/cb", body: "{}", status: "failed", createdAt: sameMoment })),
    });
    const seen: string[] = [];
    let cursor = null;
    let pages = 0;
    do {
      const page = await listWebhookDeliveries(admin, { status: "failed", cursor });
      expect(page.rows.length).toBeLessThanOrEqual(DELIVERIES_PAGE_SIZE);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 1000);
    expect(new Set(seen).size).toBe(seen.length);
    // All of ours, newest (here: highest id) first, none skipped.
    expect(seen.filter((id) => mine.includes(id))).toEqual([...mine].reverse());
  });

  it("Retry now makes a failed delivery due at once and the next worker sends it", async () => {
    const admin = await createTestUser("admin");
    const { delivery, agent, receiver } = await failedDelivery();
    await retryWebhookDelivery(admin, { deliveryId: delivery.id });
    const due = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(due.status).toBe("pending");
    expect(await deliverDueWebhooks({ agentId: agent.id })).toMatchObject({ delivered: 1 });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "delivered", attempts: 2 });
    expect(receiver.received).toHaveLength(2);
    await expect(retryWebhookDelivery(admin, { deliveryId: delivery.id })).rejects.toThrow(/already reached the receiver/);
    await expect(retryWebhookDelivery(admin, { deliveryId: "no-such-delivery" })).rejects.toThrow(/No such delivery/);
  });

  it("refuses to retry while the row is being sent, or when the agent has no webhook; retries go to the current URL", async () => {
    const admin = await createTestUser("admin");
    const { delivery, agent } = await failedDelivery();
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "pending", lockedUntil: new Date(Date.now() + 60_000) } });
    await expect(retryWebhookDelivery(admin, { deliveryId: delivery.id })).rejects.toThrow(/being sent right now/);
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { lockedUntil: null } });

    await removeAgentWebhook(agent);
    await expect(retryWebhookDelivery(admin, { deliveryId: delivery.id })).rejects.toThrow(/has no webhook now/);
    await setAgentWebhook(agent, "https://agent.example/new-home");
    await retryWebhookDelivery(admin, { deliveryId: delivery.id });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "pending", url: "https://agent.example/new-home" });
    // Leave nothing due at a URL nobody listens on.
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "failed" } });
  });
});
