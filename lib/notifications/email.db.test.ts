// Mail notifications end to end: proposals posted through the real intake,
// the scan enqueues, the outbox sends over SMTP to a real in-process server
// (smtp-server), and the test reads the parsed mail.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const SMTP_PORT = vi.hoisted(() => {
  const port = (process.env.DATABASE_URL ?? "").startsWith("postgres") ? 3807 : 3806;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "Countersign <countersign@countersign.test>";
  return port;
});

import { db } from "@/lib/db/client";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import { startSmtpReceiver } from "@/test-support/smtp-receiver";
import { scanNotifications, sendDigests } from "@/lib/notifications/scan-notifications";
import { deliverDueNotifications } from "@/lib/notifications/deliver-notifications";
import { setPreferences } from "@/lib/notifications/preferences";

let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
beforeAll(async () => {
  smtp = await startSmtpReceiver(SMTP_PORT);
});
afterAll(async () => {
  await smtp.close();
});

async function deliverFor(queueId: string, userIds?: string[], now = new Date()) {
  const rows = await db.notificationDelivery.findMany({
    where: { status: "pending", OR: [{ queueId }, ...(userIds ? [{ userId: { in: userIds }, kind: "digest" }] : [])] },
    select: { id: true },
  });
  return deliverDueNotifications({ ids: rows.map((r) => r.id), limit: 500, now });
}

const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

describe("mail notifications", { timeout: 120_000 }, () => {
  it("mails a high-risk proposal at once to each person who may decide it (not the sponsor, not a viewer), with a link to the proposal and never a decision link", async () => {
    const world = await createTestWorld();
    const approver = await createTestUser("approver", "Mia Approver");
    const viewer = await createTestUser("viewer", "Vic Viewer");
    const since = new Date(Date.now() - 1000);
    const title = `Pay Acme <b>urgent</b> ${world.queue.slug}`;
    const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title, risk: "high" }));
    expect(res.status).toBe(201);
    const low = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: `Low one ${world.queue.slug}`, risk: "low" }));
    expect(low.status).toBe(201);

    const scanned = await scanNotifications({ since, queueIds: [world.queue.id], userIds: [] });
    expect(scanned.immediate).toBeGreaterThanOrEqual(1);
    const sent = await deliverFor(world.queue.id);
    expect(sent.failed).toBe(0);

    const mine = mailsTo(approver.email);
    expect(mine).toHaveLength(1);
    const mail = mine[0]!.parsed;
    expect(mail.subject).toBe(`[high] ${title}`);
    expect(mail.from?.text).toContain("countersign@countersign.test");
    const link = `http://countersign.test/login?callbackUrl=%2Fproposals%2F${res.body.id}`;
    expect(mail.text).toContain(link);
    expect(mail.text).toContain("Acting for: Dana Ops <ops@company.com>");
    expect(mail.text).toContain("amount: 12480.00");
    // The HTML escapes the agent's markup and links only to the proposal page.
    expect(mail.html).toContain("Pay Acme &#60;b&#62;urgent&#60;/b&#62;");
    const hrefs = [...String(mail.html).matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toContain(link);
    for (const href of hrefs) expect(href).toMatch(/^http:\/\/countersign\.test\/login\?callbackUrl=%2F(proposals%2F[\w-]+|account%2Fnotifications|queue)$/);
    // The low-risk one waits for the digest; the sponsor (separation of duties) and the viewer get nothing.
    expect(smtp.received.some((m) => m.parsed.subject?.includes("Low one"))).toBe(false);
    expect(mailsTo(world.sponsor.email)).toHaveLength(0);
    expect(mailsTo(viewer.email)).toHaveLength(0);

    // Scanning the same window again enqueues nothing new.
    const again = await scanNotifications({ since, queueIds: [world.queue.id], userIds: [] });
    expect(again.immediate).toBe(0);
  });

  it("respects a person who turned immediate mail off", async () => {
    const world = await createTestWorld();
    const quiet = await createTestUser("approver", "Quinn Quiet");
    await setPreferences(quiet, { emailImmediate: false, emailDigest: true, digestHourUtc: 8 });
    const since = new Date(Date.now() - 1000);
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { risk: "critical" }))).status).toBe(201);
    await scanNotifications({ since, queueIds: [world.queue.id], userIds: [] });
    await deliverFor(world.queue.id);
    expect(mailsTo(quiet.email)).toHaveLength(0);
  });

  it("sends one digest per chosen hour listing the pending low and medium proposals the person may decide", async () => {
    const world = await createTestWorld();
    const approver = await createTestUser("approver", "Dee Digest");
    await setPreferences(approver, { emailImmediate: true, emailDigest: true, digestHourUtc: 7 });
    const a = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: `Digest item A ${world.queue.slug}`, risk: "low" }));
    const b = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: `Digest item B ${world.queue.slug}`, risk: "medium" }));
    await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: `Urgent not in digest ${world.queue.slug}`, risk: "high" }));

    // Before 07:00 UTC today nothing is due for a person whose last digest was after yesterday's 07:00.
    const today7 = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate(), 7));
    await db.notificationPreference.update({ where: { userId: approver.id }, data: { lastDigestAt: new Date(today7.getTime() - 3600_000) } });
    expect(await sendDigests({ now: new Date(today7.getTime() - 60_000), userIds: [approver.id], queueIds: [world.queue.id] })).toBe(0);

    // At 07:05 it is due, once.
    const at = new Date(today7.getTime() + 5 * 60_000);
    expect(await sendDigests({ now: at, userIds: [approver.id], queueIds: [world.queue.id] })).toBe(1);
    expect(await sendDigests({ now: new Date(at.getTime() + 60_000), userIds: [approver.id], queueIds: [world.queue.id] })).toBe(0);
    await deliverFor(world.queue.id, [approver.id], new Date(Math.max(Date.now(), at.getTime() + 120_000)));
    const digests = mailsTo(approver.email).filter((m) => m.parsed.subject?.startsWith("Countersign digest"));
    expect(digests).toHaveLength(1);
    const text = digests[0]!.parsed.text ?? "";
    expect(digests[0]!.parsed.subject).toBe("Countersign digest: 2 pending proposals");
    expect(text).toContain(`http://countersign.test/login?callbackUrl=%2Fproposals%2F${a.body.id}`);
    expect(text).toContain(`http://countersign.test/login?callbackUrl=%2Fproposals%2F${b.body.id}`);
    expect(text).not.toContain("Urgent not in digest");
  });

  it("records a refused recipient and retries it later instead of losing it", async () => {
    const world = await createTestWorld();
    await db.notificationDelivery.create({
      data: { channel: "email", kind: "immediate", dedupeKey: `test:${world.queue.id}`, target: "not an address", queueId: world.queue.id, subject: "x", body: JSON.stringify({ text: "x", html: "x" }) },
    });
    const summary = await deliverFor(world.queue.id);
    expect(summary.retrying + summary.failed).toBe(1);
    const row = await db.notificationDelivery.findUniqueOrThrow({ where: { dedupeKey: `test:${world.queue.id}` } });
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/Mail not sent|refused/);
  });
});
