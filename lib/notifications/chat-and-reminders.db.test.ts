// Chat posts and escalations end to end: a real local HTTP receiver stands in
// for Slack / Teams incoming webhooks and checks each payload; a real SMTP
// server receives the escalation mail to the queue's admins.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const SMTP_PORT = vi.hoisted(() => {
  const port = (process.env.DATABASE_URL ?? "").startsWith("postgres") ? 3809 : 3808;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.SLACK_SIGNING_SECRET = "test-signing-secret-123";
  return port;
});

import { db } from "@/lib/db/client";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import { startWebhookReceiver } from "@/test-support/webhook-receiver";
import { startSmtpReceiver } from "@/test-support/smtp-receiver";
import { escalateOverdue, notifyDecisions, notifyNewProposals } from "@/lib/notifications/scan-notifications";
import { deliverDueNotifications } from "@/lib/notifications/deliver-notifications";
import { setQueueNotificationSettings } from "@/lib/notifications/queue-settings";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { setMembershipByEmail } from "@/lib/users/set-membership";

let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  smtp = await startSmtpReceiver(SMTP_PORT);
});
afterAll(async () => {
  await smtp.close();
  await Promise.all(closers.map((c) => c()));
});

async function receiver() {
  const r = await startWebhookReceiver([200]);
  closers.push(r.close);
  return r;
}

async function deliverQueue(queueId: string, options: { now?: Date; allowPrivate?: boolean } = {}) {
  const rows = await db.notificationDelivery.findMany({ where: { queueId, status: "pending" }, select: { id: true } });
  return deliverDueNotifications({ ids: rows.map((r) => r.id), limit: 500, ...options });
}

type SlackBlock = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { action_id?: string; url?: string; value?: string; text?: unknown }[] };

describe("chat notifications", { timeout: 120_000 }, () => {
  it("posts a new proposal to the queue's Slack webhook with its facts, buttons and link, and follows up when it is decided", async () => {
    const world = await createTestWorld();
    const admin = await createTestUser("admin");
    const approver = await createTestUser("approver", "Ana Approver");
    const chat = await receiver();
    await setQueueNotificationSettings(admin, { queueId: world.queue.id, chatWebhookUrl: chat.url, chatFormat: "slack" });
    const since = new Date(Date.now() - 1000);
    const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: "Pay <!channel> Acme & co", risk: "medium" }));
    expect(res.status).toBe(201);

    expect(await notifyNewProposals({ since, queueIds: [world.queue.id] })).toMatchObject({ chat: 1 });
    expect((await deliverQueue(world.queue.id)).delivered).toBe(1);
    expect(chat.received).toHaveLength(1);
    expect(chat.received[0]!.headers["content-type"]).toBe("application/json");
    const posted = JSON.parse(chat.received[0]!.body) as { text: string; blocks: SlackBlock[] };
    // An agent's title cannot ping a channel or inject a link.
    expect(posted.text).toContain("Pay &lt;!channel&gt; Acme &amp; co");
    expect(posted.blocks[0]).toMatchObject({ type: "header", text: { text: "Pay <!channel> Acme & co" } });
    const fields = posted.blocks[1]!.fields!.map((f) => f.text).join("\n");
    for (const part of [`*Agent*\n${world.agent.name}`, "*Acting for*\nDana Ops &lt;ops@company.com&gt;", "*Tier*\n", "*Risk*\nmedium", "*amount*\n12480.00", "*currency*\nUSD"]) expect(fields).toContain(part);
    const actions = posted.blocks.find((b) => b.type === "actions")!.elements!;
    expect(actions.map((a) => a.action_id)).toEqual(["countersign_approve", "countersign_reject", "countersign_open"]);
    expect(JSON.parse(actions[0]!.value!)).toEqual({ p: res.body.id, v: 1 });
    expect(actions[2]!.url).toBe(`http://countersign.test/login?callbackUrl=%2Fproposals%2F${res.body.id}`);

    await decideProposals(approver, { ids: [res.body.id], outcome: "rejected", reason: "wrong vendor" });
    expect(await notifyDecisions({ since, queueIds: [world.queue.id] })).toBe(1);
    expect(await notifyDecisions({ since, queueIds: [world.queue.id] })).toBe(0);
    await deliverQueue(world.queue.id);
    expect(chat.received).toHaveLength(2);
    const followUp = JSON.parse(chat.received[1]!.body) as { text: string; blocks: SlackBlock[] };
    expect(followUp.text).toContain("Rejected by Ana Approver: wrong vendor");
    expect(followUp.blocks.find((b) => b.type === "actions")!.elements!.map((e) => e.action_id)).toEqual(["countersign_open"]);
  });

  it("speaks Microsoft Teams (an Adaptive Card) and plain JSON", async () => {
    for (const format of ["teams", "json"] as const) {
      const world = await createTestWorld();
      const admin = await createTestUser("admin");
      const chat = await receiver();
      await setQueueNotificationSettings(admin, { queueId: world.queue.id, chatWebhookUrl: chat.url, chatFormat: format });
      const since = new Date(Date.now() - 1000);
      const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { risk: "low" }));
      await notifyNewProposals({ since, queueIds: [world.queue.id] });
      await deliverQueue(world.queue.id);
      const body = JSON.parse(chat.received[0]!.body);
      if (format === "teams") {
        expect(body.type).toBe("message");
        const card = body.attachments[0];
        expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
        expect(card.content.body[0].text).toBe("Pay Acme Corp invoice INV-2291 ($12,480.00)");
        expect(card.content.body[1].facts).toContainEqual({ title: "Acting for", value: "Dana Ops <ops@company.com>" });
        expect(card.content.actions[0]).toEqual({ type: "Action.OpenUrl", title: "Open in Countersign", url: `http://countersign.test/login?callbackUrl=%2Fproposals%2F${res.body.id}` });
      } else {
        expect(body).toMatchObject({
          event: "proposal.pending",
          proposal: { id: res.body.id, agent: world.agent.name, acting_for: "Dana Ops <ops@company.com>", risk: "low", amounts: { amount: "12480.00" }, url: `http://countersign.test/login?callbackUrl=%2Fproposals%2F${res.body.id}` },
        });
      }
    }
  });

  it("refuses a chat URL into the server's own network, at saving and at sending (the webhook SSRF rules)", async () => {
    const world = await createTestWorld();
    const admin = await createTestUser("admin");
    const chat = await receiver();
    // Saved while private targets are allowed (as in development), then sent with the production rule.
    await setQueueNotificationSettings(admin, { queueId: world.queue.id, chatWebhookUrl: chat.url, chatFormat: "json" });
    const since = new Date(Date.now() - 1000);
    await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { risk: "low" }));
    await notifyNewProposals({ since, queueIds: [world.queue.id] });
    const summary = await deliverQueue(world.queue.id, { allowPrivate: false });
    expect(summary.failed).toBe(1);
    expect(chat.received).toHaveLength(0);
    const row = await db.notificationDelivery.findFirstOrThrow({ where: { queueId: world.queue.id } });
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/Not sent: the callback URL .*127\.0\.0\.1/);
  });

  it("refuses a non-admin changing a queue's chat settings", async () => {
    const world = await createTestWorld();
    const approver = await createTestUser("approver");
    await expect(setQueueNotificationSettings(approver, { queueId: world.queue.id, chatWebhookUrl: "https://hooks.example.com/x" })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("reminders", { timeout: 120_000 }, () => {
  it("escalates a proposal pending past the queue's service time to the queue's admins, once, with a receipt", async () => {
    const world = await createTestWorld();
    const admin = await createTestUser("admin");
    const queueAdmin = await createTestUser("viewer", "Quentin Queue-Admin");
    await setMembershipByEmail(queueAdmin.email, world.queue.slug, "admin");
    const approver = await createTestUser("approver");
    const chat = await receiver();
    await setQueueNotificationSettings(admin, { queueId: world.queue.id, chatWebhookUrl: chat.url, chatFormat: "slack", serviceMinutes: 30 });
    const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: "Overdue payment", risk: "low" }));
    const done = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { risk: "low" }));
    await decideProposals(approver, { ids: [done.body.id], outcome: "approved" });

    expect(await escalateOverdue({ queueIds: [world.queue.id], now: new Date(Date.now() + 29 * 60_000) })).toBe(0);
    const later = new Date(Date.now() + 31 * 60_000);
    expect(await escalateOverdue({ queueIds: [world.queue.id], now: later })).toBe(1);
    expect(await escalateOverdue({ queueIds: [world.queue.id], now: new Date(later.getTime() + 3600_000) })).toBe(0);

    const receipts = await db.receipt.findMany({ where: { proposalId: res.body.id, kind: "escalated" } });
    expect(receipts).toHaveLength(1);
    const payload = receipts[0]!.payload as { service_minutes: number; notified: string[] };
    expect(payload.service_minutes).toBe(30);
    expect(payload.notified).toContain(queueAdmin.email);
    expect(payload.notified).not.toContain(approver.email);
    expect(await db.receipt.count({ where: { proposalId: done.body.id, kind: "escalated" } })).toBe(0);

    await deliverQueue(world.queue.id, { now: new Date(later.getTime() + 60_000) });
    const mail = smtp.received.find((m) => m.to.includes(queueAdmin.email));
    expect(mail?.parsed.subject).toBe("[overdue] Overdue payment");
    expect(mail?.parsed.text).toContain(`http://countersign.test/login?callbackUrl=%2Fproposals%2F${res.body.id}`);
    expect(smtp.received.some((m) => m.to.includes(approver.email) && m.parsed.subject?.startsWith("[overdue]"))).toBe(false);
    const chatReminder = chat.received.map((r) => JSON.parse(r.body) as { text: string }).find((b) => b.text.startsWith("Overdue"));
    expect(chatReminder?.text).toContain("pending longer than 30 min");
  });
});
