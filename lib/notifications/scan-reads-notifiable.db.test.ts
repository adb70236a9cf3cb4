// The new-proposal scan reads only proposals it can notify about: with mail
// off and no chat webhook it reads none (every new proposal passes through
// several overlapping scans, so reading them all cost intake CPU), and with a
// chat webhook only the queues that have one. What it notifies is unchanged
// (chat-and-reminders.db.test.ts, email.db.test.ts).
import { afterEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  delete process.env.SMTP_URL; // mail off
});

import { db } from "@/lib/db/client";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import { startWebhookReceiver } from "@/test-support/webhook-receiver";
import { notifyNewProposals } from "@/lib/notifications/scan-notifications";
import { setQueueNotificationSettings } from "@/lib/notifications/queue-settings";

afterEach(() => vi.restoreAllMocks());

describe("the new-proposal scan", { timeout: 60_000 }, () => {
  it("reads no proposals when neither mail nor a chat webhook can carry a notification", async () => {
    const world = await createTestWorld();
    const since = new Date(Date.now() - 1000);
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { risk: "critical" }))).status).toBe(201);
    const read = vi.spyOn(db.proposal, "findMany");
    expect(await notifyNewProposals({ since, queueIds: [world.queue.id] })).toEqual({ immediate: 0, chat: 0 });
    expect(read).not.toHaveBeenCalled();
  });

  it("reads only the queues with a chat webhook when mail is off, and still posts their proposals", async () => {
    const withChat = await createTestWorld();
    const without = await createTestWorld();
    const admin = await createTestUser("admin");
    const chat = await startWebhookReceiver([200]);
    try {
      await setQueueNotificationSettings(admin, { queueId: withChat.queue.id, chatWebhookUrl: chat.url, chatFormat: "slack" });
      const since = new Date(Date.now() - 1000);
      expect((await postProposal(withChat.apiKey, sampleEnvelope(withChat.queue.slug, { risk: "low" }))).status).toBe(201);
      expect((await postProposal(without.apiKey, sampleEnvelope(without.queue.slug, { risk: "critical" }))).status).toBe(201);
      const read = vi.spyOn(db.proposal, "findMany");
      expect(await notifyNewProposals({ since, queueIds: [withChat.queue.id, without.queue.id] })).toEqual({ immediate: 0, chat: 1 });
      const rows = await read.mock.results[0]!.value as { queueId: string }[];
      expect(rows.map((row) => row.queueId)).toEqual([withChat.queue.id]);
    } finally {
      await chat.close();
    }
  });
});
