import "server-only";
// The producer side of notifications, run by every instance's worker. It
// reads what changed since its last scan (new proposals, decisions) and what
// is due (digests, escalations), and enqueues notifications with dedupe keys,
// so overlapping scans and several instances enqueue each one once. Scanning
// instead of hooking the intake and decision transactions keeps those hot
// paths exactly as they are.
import { db } from "@/lib/db/client";
import { appendReceipt } from "@/lib/receipts/append-receipt";
import { mailEnabled } from "@/lib/notifications/mail-transport";
import { alreadyEnqueued, enqueueNotification, isUniqueViolation, mailBody } from "@/lib/notifications/outbox";
import { decidableSelect, loadDeciders, mayDecide, queueAdmins } from "@/lib/notifications/recipients";
import { preferencesFor } from "@/lib/notifications/preferences";
import { factsSelect, toFacts } from "@/lib/notifications/proposal-facts";
import { digestMail, immediateMail, reminderMail } from "@/lib/notifications/render-mail";
import { chatBody, type ChatFormat } from "@/lib/notifications/chat-payload";
import { env } from "@/lib/env";

const fullSelect = {
  ...factsSelect,
  ...decidableSelect,
  agent: { select: { name: true, sponsorId: true } },
  queue: { select: { slug: true, name: true, separationOfDuties: true } },
} as const;

/** Scans look this far behind their cursor: a transaction that committed late is still seen (dedupe keys drop repeats). */
const OVERLAP_MS = 2 * 60_000;
const URGENT = ["high", "critical"];
const DIGEST_ITEMS = 50;

export type ScanOptions = {
  now?: Date;
  /** Look from here instead of the stored cursor (tests; the cursor is not moved). */
  since?: Date;
  /** Only these queues (tests share one database). */
  queueIds?: string[];
  /** Only these people, for digests (tests). */
  userIds?: string[];
};

export type ScanSummary = { immediate: number; chat: number; followUps: number; escalated: number; digests: number };

async function windowStart(name: string, options: ScanOptions, now: Date): Promise<Date> {
  if (options.since) return options.since;
  const cursor = await db.notificationCursor.findUnique({ where: { name } });
  if (!cursor) {
    // A new installation starts now, rather than mailing about its whole history.
    await db.notificationCursor.upsert({ where: { name }, create: { name, at: now }, update: {} });
    return now;
  }
  return new Date(cursor.at.getTime() - OVERLAP_MS);
}

async function moveCursor(name: string, options: ScanOptions, now: Date): Promise<void> {
  if (options.since) return;
  await db.notificationCursor.upsert({ where: { name }, create: { name, at: now }, update: { at: now } });
}

async function chatQueues(queueIds?: string[]): Promise<Map<string, { url: string; format: ChatFormat }>> {
  const rows = await db.queueNotificationSetting.findMany({
    where: { chatWebhookUrl: { not: null }, ...(queueIds ? { queueId: { in: queueIds } } : {}) },
    select: { queueId: true, chatWebhookUrl: true, chatFormat: true },
  });
  return new Map(rows.map((r) => [r.queueId, { url: r.chatWebhookUrl!, format: r.chatFormat as ChatFormat }]));
}

const interactive = () => !!env().SLACK_SIGNING_SECRET;

/** New pending proposals: immediate mail for high/critical to each person who may decide them, and a chat post on queues with a chat webhook. */
export async function notifyNewProposals(options: ScanOptions = {}): Promise<{ immediate: number; chat: number }> {
  const now = options.now ?? new Date();
  const from = await windowStart("proposals", options, now);
  const chats = await chatQueues(options.queueIds);
  const mail = mailEnabled();
  // Only proposals that can be notified about are read: every new proposal
  // passes through this scan several times (the overlap), so reading all of
  // them cost the server CPU in proportion to its intake rate (bench:intake,
  // docs/benchmarks.md), also where neither mail nor chat is set up.
  const notifiable = [...(mail ? [{ risk: { in: URGENT } }] : []), ...(chats.size > 0 ? [{ queueId: { in: [...chats.keys()] } }] : [])];
  if (notifiable.length === 0) {
    await moveCursor("proposals", options, now);
    return { immediate: 0, chat: 0 };
  }
  const proposals = await db.proposal.findMany({
    where: { status: "pending", createdAt: { gt: from, lte: now }, ...(options.queueIds ? { queueId: { in: options.queueIds } } : {}), OR: notifiable },
    orderBy: { createdAt: "asc" },
    take: 2000,
    select: fullSelect,
  });
  let immediate = 0;
  let chat = 0;
  const urgent = mail ? proposals.filter((p) => URGENT.includes(p.risk)) : [];
  const deciders = urgent.length ? await loadDeciders([...new Set(urgent.map((p) => p.queueId))]) : [];
  const prefs = await preferencesFor(deciders.map((d) => d.id));
  for (const p of urgent) {
    const mail = immediateMail(toFacts(p));
    for (const person of deciders) {
      if (!prefs.get(person.id)?.emailImmediate || !mayDecide(person, p)) continue;
      const id = await enqueueNotification(
        { channel: "email", kind: "immediate", dedupeKey: `immediate:${p.id}:${person.id}`, target: person.email, proposalId: p.id, userId: person.id, queueId: p.queueId, subject: mail.subject, body: mailBody(mail) },
        db,
        now,
      );
      if (id) immediate++;
    }
  }
  for (const p of proposals) {
    const target = chats.get(p.queueId);
    if (!target) continue;
    const body = chatBody(target.format, toFacts(p), { interactive: interactive() && target.format === "slack" });
    const id = await enqueueNotification(
      { channel: "chat", kind: "proposal_posted", dedupeKey: `chat:posted:${p.id}`, target: target.url, proposalId: p.id, queueId: p.queueId, body: JSON.stringify(body) },
      db,
      now,
    );
    if (id) chat++;
  }
  // Fewer than the page: everything up to `now` was seen; otherwise continue from the last one seen.
  await moveCursor("proposals", options, proposals.length < 2000 ? now : proposals.at(-1)!.createdAt);
  return { immediate, chat };
}

/** Decided proposals that were posted to chat get a follow-up with the outcome and who decided. */
export async function notifyDecisions(options: ScanOptions = {}): Promise<number> {
  const now = options.now ?? new Date();
  const from = await windowStart("decisions", options, now);
  const chats = await chatQueues(options.queueIds);
  if (chats.size === 0) {
    await moveCursor("decisions", options, now);
    return 0;
  }
  const proposals = await db.proposal.findMany({
    where: { status: { not: "pending" }, decidedAt: { gt: from, lte: now }, queueId: { in: [...chats.keys()] } },
    take: 2000,
    orderBy: { decidedAt: "asc" },
    select: {
      ...factsSelect,
      queueId: true,
      decidedAt: true,
      decisions: { orderBy: { createdAt: "desc" }, take: 1, select: { outcome: true, reason: true, user: { select: { name: true, email: true } } } },
    },
  });
  const posted = await alreadyEnqueued(proposals.map((p) => `chat:posted:${p.id}`));
  let sent = 0;
  for (const p of proposals) {
    const target = chats.get(p.queueId);
    if (!target || !posted.has(`chat:posted:${p.id}`)) continue;
    const last = p.decisions[0];
    const by = last && last.outcome === p.status ? last.user.name || last.user.email : null;
    const body = chatBody(target.format, toFacts(p), { interactive: false, outcome: { status: p.status, by, reason: last?.outcome === p.status ? last.reason : null } });
    const id = await enqueueNotification(
      { channel: "chat", kind: "proposal_decided", dedupeKey: `chat:decided:${p.id}`, target: target.url, proposalId: p.id, queueId: p.queueId, body: JSON.stringify(body) },
      db,
      now,
    );
    if (id) sent++;
  }
  await moveCursor("decisions", options, proposals.length < 2000 ? now : proposals.at(-1)!.decidedAt!);
  return sent;
}

/**
 * Pending proposals past their queue's service time, escalated once: the
 * escalation row (unique per proposal), its receipt and the mail to the
 * queue's admins commit together, so a second instance finds the row and skips.
 */
export async function escalateOverdue(options: ScanOptions = {}): Promise<number> {
  const now = options.now ?? new Date();
  const queues = await db.queueNotificationSetting.findMany({
    where: { serviceMinutes: { not: null }, ...(options.queueIds ? { queueId: { in: options.queueIds } } : {}) },
    select: { queueId: true, serviceMinutes: true, chatWebhookUrl: true, chatFormat: true },
  });
  let escalated = 0;
  for (const q of queues) {
    const overdue = await db.proposal.findMany({
      where: { queueId: q.queueId, status: "pending", createdAt: { lte: new Date(now.getTime() - q.serviceMinutes! * 60_000) } },
      orderBy: { createdAt: "asc" },
      take: 500,
      select: { ...factsSelect, queueId: true },
    });
    if (overdue.length === 0) continue;
    const done = new Set(
      (await db.proposalEscalation.findMany({ where: { proposalId: { in: overdue.map((p) => p.id) } }, select: { proposalId: true } })).map((r) => r.proposalId),
    );
    const todo = overdue.filter((p) => !done.has(p.id));
    if (todo.length === 0) continue;
    const admins = await queueAdmins(q.queueId);
    for (const p of todo) {
      const facts = toFacts(p);
      const mail = reminderMail(facts, q.serviceMinutes!);
      const mailTo = mailEnabled() ? admins : [];
      try {
        await db.$transaction(async (tx) => {
          await tx.proposalEscalation.create({ data: { proposalId: p.id, createdAt: now } });
          for (const admin of mailTo) {
            await enqueueNotification(
              { channel: "email", kind: "reminder", dedupeKey: `reminder:${p.id}:${admin.id}`, target: admin.email, proposalId: p.id, userId: admin.id, queueId: q.queueId, subject: mail.subject, body: mailBody(mail) },
              tx,
              now,
            );
          }
          if (q.chatWebhookUrl) {
            const body = chatBody(q.chatFormat as ChatFormat, facts, { interactive: false, outcome: { status: "overdue", by: null, reason: `pending longer than ${q.serviceMinutes} min` } });
            await enqueueNotification(
              { channel: "chat", kind: "reminder", dedupeKey: `reminder:${p.id}:chat`, target: q.chatWebhookUrl, proposalId: p.id, queueId: q.queueId, body: JSON.stringify(body) },
              tx,
              now,
            );
          }
          await appendReceipt(tx, {
            kind: "escalated",
            actor: { type: "system", id: "notifications", name: "Countersign reminders" },
            proposalId: p.id,
            payload: {
              service_minutes: q.serviceMinutes,
              pending_since: p.createdAt.toISOString(),
              notified: mailTo.map((a) => a.email),
              chat: !!q.chatWebhookUrl,
            },
            at: now,
          });
        });
        escalated++;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error; // another instance escalated it first
      }
    }
  }
  return escalated;
}

/** The most recent digest time at or before `now` for a UTC hour. */
export function lastDigestSlot(now: Date, hourUtc: number): Date {
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  if (slot > now) slot.setUTCDate(slot.getUTCDate() - 1);
  return slot;
}

/** One digest per person per day at their chosen hour: the pending low/medium proposals they may decide. */
export async function sendDigests(options: ScanOptions = {}): Promise<number> {
  if (!mailEnabled()) return 0;
  const now = options.now ?? new Date();
  const people = (await loadDeciders([])).filter((p) => !options.userIds || options.userIds.includes(p.id));
  const allDeciders = await db.user.findMany({
    where: { active: true, memberships: { some: { role: { in: ["approver", "admin"] }, queueId: { not: null } } }, ...(options.userIds ? { id: { in: options.userIds } } : {}) },
    select: { id: true, email: true, name: true, role: true, memberships: { select: { queueId: true, role: true } } },
  });
  const byId = new Map([...people, ...allDeciders].map((p) => [p.id, p]));
  const prefs = await preferencesFor([...byId.keys()]);
  let sent = 0;
  for (const person of byId.values()) {
    const pref = prefs.get(person.id)!;
    if (!pref.emailDigest) continue;
    const slot = lastDigestSlot(now, pref.digestHourUtc);
    if (pref.lastDigestAt && pref.lastDigestAt >= slot) continue;
    const globalDecider = person.role !== "viewer" || person.memberships.some((m) => m.queueId === null && m.role !== "viewer");
    const queueIds = person.memberships.filter((m) => m.queueId && m.role !== "viewer").map((m) => m.queueId!);
    const where = {
      status: "pending",
      risk: { notIn: URGENT },
      ...(globalDecider ? {} : { queueId: { in: queueIds } }),
      ...(options.queueIds ? { queueId: { in: options.queueIds } } : {}),
    };
    const candidates = await db.proposal.findMany({ where, orderBy: { createdAt: "asc" }, take: 500, select: fullSelect });
    const mine = candidates.filter((p) => mayDecide(person, p));
    // The mark is set even when there is nothing to send, so the check above stays cheap until the next slot.
    await db.notificationPreference.upsert({
      where: { userId: person.id },
      create: { userId: person.id, emailImmediate: pref.emailImmediate, emailDigest: pref.emailDigest, digestHourUtc: pref.digestHourUtc, lastDigestAt: now },
      update: { lastDigestAt: now },
    });
    if (mine.length === 0) continue;
    const mail = digestMail(mine.slice(0, DIGEST_ITEMS).map(toFacts), mine.length);
    const id = await enqueueNotification(
      { channel: "email", kind: "digest", dedupeKey: `digest:${person.id}:${slot.toISOString()}`, target: person.email, userId: person.id, subject: mail.subject, body: mailBody(mail) },
      db,
      now,
    );
    if (id) sent++;
  }
  return sent;
}

/** One pass of every producer. */
export async function scanNotifications(options: ScanOptions = {}): Promise<ScanSummary> {
  const fresh = await notifyNewProposals(options);
  const followUps = await notifyDecisions(options);
  const escalated = await escalateOverdue(options);
  const digests = await sendDigests(options);
  return { ...fresh, followUps, escalated, digests };
}
