// The outbox's read side against a real database and a real HTTP receiver:
// signatures verify on the receiving end, failures are retried on the backoff
// schedule, a worker that dies (or a whole restart) loses nothing, two
// workers never send one row twice, and retries end in `failed`.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { createTestUser } from "@/test-support/users";
import { createWebhookWorld } from "@/test-support/webhook-world";
import { claimDueDeliveries, deliverAllDueWebhooks, deliverDueWebhooks } from "@/lib/webhooks/deliver";
import { LEASE_MS } from "@/lib/webhooks/outbox";
import { enqueueProposalEvents } from "@/lib/webhooks/enqueue";
import { verifyWebhookSignature } from "@/lib/webhooks/signature";
import { Webhook } from "standardwebhooks";

const run = promisify(execFile);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function world(statuses?: number[]) {
  const w = await createWebhookWorld(statuses);
  cleanups.push(w.receiver.close);
  return w;
}

/** A decision's transaction as the decision code writes it: the change and its event commit together. */
async function commitRejection(ids: string[], now = new Date()) {
  await db.$transaction(async (tx) => {
    await tx.proposal.updateMany({ where: { id: { in: ids } }, data: { status: "rejected", decidedAt: now } });
    await enqueueProposalEvents(tx, ids, now);
  });
}

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe("deliverDueWebhooks", () => {
  it("POSTs the exact stored body with headers whose signature the receiver verifies", async () => {
    const w = await world();
    const [id] = await w.pending();
    await commitRejection([id!]);
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { proposalId: id } });

    expect(await deliverDueWebhooks({ agentId: w.agent.id })).toEqual({ claimed: 1, delivered: 1, retrying: 0, failed: 0 });
    expect(w.receiver.received).toHaveLength(1);
    const got = w.receiver.received[0]!;
    expect(got.body).toBe(row.body);
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["countersign-delivery"]).toBe(row.id);
    expect(got.headers["countersign-event"]).toBe("proposal.rejected");
    expect(got.headers["countersign-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    // The receiver's side: verify with the secret it got at registration, over the raw body.
    expect(verifyWebhookSignature(w.secret, got.headers["countersign-signature"] as string, got.body)).toMatchObject({ ok: true });
    expect(verifyWebhookSignature("whsec_not-the-secret", got.headers["countersign-signature"] as string, got.body).ok).toBe(false);
    expect(verifyWebhookSignature(w.secret, got.headers["countersign-signature"] as string, got.body.replace("rejected", "approved")).ok).toBe(false);
    // The same delivery verifies as a Standard Webhook with the standardwebhooks library and the secret as issued.
    expect(got.headers["webhook-id"]).toBe(row.id);
    expect(got.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    const standard = { "webhook-id": row.id, "webhook-timestamp": String(got.headers["webhook-timestamp"]), "webhook-signature": String(got.headers["webhook-signature"]) };
    expect(new Webhook(w.secret).verify(got.body, standard)).toEqual(JSON.parse(row.body));
    expect(() => new Webhook(w.secret).verify(got.body.replace("rejected", "approved"), standard)).toThrow("No matching signature");

    const after = await db.webhookDelivery.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200, lastError: null, lockedUntil: null });
    expect(after.deliveredAt).toBeInstanceOf(Date);
    // Delivered rows are never sent again.
    expect((await deliverDueWebhooks({ agentId: w.agent.id, now: at(new Date(), 86_400_000) })).claimed).toBe(0);
    expect(w.receiver.received).toHaveLength(1);
  });

  it("retries a receiver that fails: 500, 500, then 200 is three attempts on the backoff schedule", async () => {
    const w = await world([500, 500, 200]);
    const t0 = new Date();
    const [id] = await w.pending();
    await commitRejection([id!], t0);
    const load = () => db.webhookDelivery.findFirstOrThrow({ where: { proposalId: id } });

    expect(await deliverDueWebhooks({ agentId: w.agent.id, now: t0 })).toMatchObject({ claimed: 1, retrying: 1 });
    let row = await load();
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    expect(row.lastError).toBe("The receiver answered HTTP 500: receiver says no");
    const wait1 = row.nextAttemptAt.getTime() - t0.getTime();
    expect(wait1).toBeGreaterThanOrEqual(8_000);
    expect(wait1).toBeLessThanOrEqual(10_000);

    // Not due yet: nothing is sent before the backoff is over.
    expect((await deliverDueWebhooks({ agentId: w.agent.id, now: at(t0, 5_000) })).claimed).toBe(0);
    expect(w.receiver.received).toHaveLength(1);

    const t1 = row.nextAttemptAt;
    expect(await deliverDueWebhooks({ agentId: w.agent.id, now: t1 })).toMatchObject({ claimed: 1, retrying: 1 });
    row = await load();
    expect(row.attempts).toBe(2);
    const wait2 = row.nextAttemptAt.getTime() - t1.getTime();
    expect(wait2).toBeGreaterThanOrEqual(16_000);
    expect(wait2).toBeLessThanOrEqual(20_000);
    expect((await deliverDueWebhooks({ agentId: w.agent.id, now: at(t1, 15_000) })).claimed).toBe(0);

    const t2 = row.nextAttemptAt;
    expect(await deliverDueWebhooks({ agentId: w.agent.id, now: t2 })).toMatchObject({ claimed: 1, delivered: 1 });
    row = await load();
    expect(row).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 200, lastError: null });
    expect(row.deliveredAt!.getTime()).toBe(t2.getTime());

    // Same delivery id every time (receivers drop duplicates by it); each attempt signed at its own time.
    expect(w.receiver.received.map((r) => r.headers["countersign-delivery"])).toEqual([row.id, row.id, row.id]);
    const times = [t0, t1, t2];
    w.receiver.received.forEach((r, i) => {
      expect(verifyWebhookSignature(w.secret, r.headers["countersign-signature"] as string, r.body, { now: times[i] })).toMatchObject({ ok: true });
    });
  });

  it("marks a delivery failed after WEBHOOK_MAX_ATTEMPTS (8 by default) and stops trying", async () => {
    const w = await world([503]);
    let now = new Date();
    const [id] = await w.pending();
    await commitRejection([id!], now);
    const load = () => db.webhookDelivery.findFirstOrThrow({ where: { proposalId: id } });
    for (let attempt = 1; attempt <= 8; attempt++) {
      const summary = await deliverDueWebhooks({ agentId: w.agent.id, now });
      expect(summary).toMatchObject(attempt < 8 ? { claimed: 1, retrying: 1 } : { claimed: 1, failed: 1 });
      now = (await load()).nextAttemptAt;
    }
    const row = await load();
    expect(row).toMatchObject({ status: "failed", attempts: 8, lastStatusCode: 503 });
    expect(w.receiver.received).toHaveLength(8);
    expect((await deliverDueWebhooks({ agentId: w.agent.id, now: at(now, 365 * 86_400_000) })).claimed).toBe(0);
  });

  it("records an unreachable receiver as an error without a status code, and retries it", async () => {
    const w = await world();
    await w.receiver.close();
    cleanups.pop();
    const [id] = await w.pending();
    await commitRejection([id!]);
    expect(await deliverDueWebhooks({ agentId: w.agent.id })).toMatchObject({ claimed: 1, retrying: 1 });
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { proposalId: id } });
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
    expect(row.lastError).toMatch(/^Could not reach the receiver: .*ECONNREFUSED/);
  });

  it("records a receiver's answer holding NUL characters (PostgreSQL cannot store U+0000) as U+FFFD, and retries", async () => {
    const w = await world();
    const [id] = await w.pending();
    await commitRejection([id!]);
    // The receiver is the agent's own: it may answer anything, and its answer is quoted in the row.
    const nul: typeof fetch = async () => new Response(Buffer.from("no\u0000thanks\u0000"), { status: 500 });
    expect(await deliverDueWebhooks({ agentId: w.agent.id, fetchImpl: nul })).toMatchObject({ claimed: 1, retrying: 1 });
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { proposalId: id } });
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "The receiver answered HTTP 500: no\ufffdthanks\ufffd" });
  });

  it("gives up on a receiver that does not answer within the timeout", async () => {
    const w = await world();
    const [id] = await w.pending();
    await commitRejection([id!]);
    const hang: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)));
    expect(await deliverDueWebhooks({ agentId: w.agent.id, fetchImpl: hang, timeoutMs: 50 })).toMatchObject({ retrying: 1 });
    expect((await db.webhookDelivery.findFirstOrThrow({ where: { proposalId: id } })).lastError).toBe("No response within 50 ms");
  });

  it("survives a worker dying mid-delivery: its lease runs out and the next worker delivers", async () => {
    const w = await world();
    const t0 = new Date();
    const [id] = await w.pending();
    await commitRejection([id!], t0);

    // Worker A takes the lease and dies before sending (the process was killed).
    expect(await claimDueDeliveries(t0, 10, w.agent.id)).toHaveLength(1);
    // While the lease holds, no other worker sends it (A might still be sending).
    expect((await deliverDueWebhooks({ agentId: w.agent.id, now: at(t0, LEASE_MS / 2) })).claimed).toBe(0);
    expect(w.receiver.received).toHaveLength(0);
    // Once it has run out, worker B picks the row up.
    expect(await deliverDueWebhooks({ agentId: w.agent.id, now: at(t0, LEASE_MS + 1) })).toMatchObject({ claimed: 1, delivered: 1 });
    expect(w.receiver.received).toHaveLength(1);
    expect(verifyWebhookSignature(w.secret, w.receiver.received[0]!.headers["countersign-signature"] as string, w.receiver.received[0]!.body, { now: at(t0, LEASE_MS + 1) }).ok).toBe(true);
  });

  it("survives a restart: a decision committed before any worker ran is delivered by a fresh process", async () => {
    const w = await world();
    const [id] = await w.pending();
    const dana = await createTestUser("approver", "Dana Ops");
    await decideProposals(dana, { ids: [id!], outcome: "approved" });
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { proposalId: id } });
    expect(row).toMatchObject({ status: "pending", event: "proposal.approved", attempts: 0 });

    // A new process (as after a restart) with nothing in memory: the outbox row is all it has.
    const { stdout } = await run("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", "webhooks:deliver", "--name", w.agent.name], {
      env: { ...process.env, LOG_LEVEL: "silent" },
      timeout: 120_000,
    });
    expect(stdout.trim().split("\n").at(-1)).toBe("Delivered 1; 0 will be retried later; 0 failed for good.");
    expect(w.receiver.received).toHaveLength(1);
    const got = w.receiver.received[0]!;
    expect(got.headers["countersign-delivery"]).toBe(row.id);
    expect(verifyWebhookSignature(w.secret, got.headers["countersign-signature"] as string, got.body).ok).toBe(true);
    expect(JSON.parse(got.body).data.decision).toMatchObject({ outcome: "approved", decided_by: { email: dana.email } });
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("delivered");
  }, 180_000);

  it("lets concurrent workers deliver each row exactly once", async () => {
    const w = await world();
    const ids = await w.pending(12);
    await commitRejection(ids);
    const summaries = await Promise.all([1, 2, 3, 4].map(() => deliverDueWebhooks({ agentId: w.agent.id, limit: 50 })));
    expect(summaries.reduce((n, s) => n + s.delivered, 0)).toBe(12);
    expect(summaries.reduce((n, s) => n + s.claimed, 0)).toBe(12);
    const sent = w.receiver.received.map((r) => r.headers["countersign-delivery"]);
    expect(sent).toHaveLength(12);
    expect(new Set(sent).size).toBe(12);
    expect(await db.webhookDelivery.count({ where: { agentId: w.agent.id, status: "delivered", attempts: 1 } })).toBe(12);
  });

  it("drains a burst larger than one round in a single poll", async () => {
    const w = await world();
    const ids = await w.pending(12);
    await commitRejection(ids);
    expect(await deliverAllDueWebhooks({ agentId: w.agent.id, limit: 5 })).toEqual({ claimed: 12, delivered: 12, retrying: 0, failed: 0 });
    expect(w.receiver.received).toHaveLength(12);
  });
});
