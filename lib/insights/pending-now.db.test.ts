// The queue page's figures about now, read for every queue in two grouped
// queries (pending-now.ts): each queue's oldest live pending proposal and its
// count past that queue's own service time, against figures worked out by
// hand on three queues with different service times (one with none), with a
// proposal past its expiry that the sweeper has not marked yet (it counts
// nowhere). Other test files share the database, so only these queues are read.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pendingNow } from "@/lib/insights/pending-now";
import { queueInsights } from "@/lib/insights/read-insights";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import type { CurrentUser } from "@/lib/auth/current-user";

type World = Awaited<ReturnType<typeof createTestWorld>>;
let a: World;
let b: World;
let c: World;
let viewer: CurrentUser;
const created: Record<string, Date> = {};

async function propose(name: string, world: World, overrides: Parameters<typeof sampleEnvelope>[1] = {}) {
  const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, overrides));
  expect(res.status).toBe(201);
  created[name] = (await db.proposal.findUniqueOrThrow({ where: { id: res.body.id }, select: { createdAt: true } })).createdAt;
}

beforeAll(async () => {
  [a, b, c] = [await createTestWorld(), await createTestWorld(), await createTestWorld()];
  viewer = await createTestUser("viewer");
  // Queue A: a3 first, expiring in two seconds (never swept here), then a1 and a2. Queue B: b1. Queue C: c1.
  await propose("a3", a, { expires_at: new Date(Date.now() + 2000).toISOString() });
  await propose("a1", a);
  await propose("a2", a);
  await propose("b1", b);
  await propose("c1", c);
  // A: one minute; B: a day; C: no service time.
  await db.queueNotificationSetting.create({ data: { queueId: a.queue.id, serviceMinutes: 1 } });
  await db.queueNotificationSetting.create({ data: { queueId: b.queue.id, serviceMinutes: 24 * 60 } });
});

describe("pending proposals now, every queue at once", () => {
  it("the oldest live pending proposal, and the count past each queue's own service time", async () => {
    const now = new Date(created.c1!.getTime() + 5 * 60_000);
    const pending = await pendingNow(
      new Map([
        [a.queue.id, 1],
        [b.queue.id, 24 * 60],
      ]),
      now,
    );
    // a3 is past its expiry: neither the oldest nor counted. a1 and a2 are five minutes old, past one minute.
    expect(pending.get(a.queue.id)).toEqual({ oldestAt: created.a1, pastServiceTime: 2 });
    // b1 is five minutes old, within its day.
    expect(pending.get(b.queue.id)).toEqual({ oldestAt: created.b1, pastServiceTime: 0 });
    // C has no service time: its oldest only.
    expect(pending.get(c.queue.id)).toEqual({ oldestAt: created.c1, pastServiceTime: 0 });
  });

  it("a cut-off between two proposals counts only the older one", async () => {
    // Just after a1 turned one minute old, before a2 did (unless they arrived in the same millisecond).
    const now = new Date(created.a1!.getTime() + 60_000);
    const expected = created.a2!.getTime() === created.a1!.getTime() ? 2 : 1;
    expect((await pendingNow(new Map([[a.queue.id, 1]]), now)).get(a.queue.id)?.pastServiceTime).toBe(expected);
  });

  it("as the queue page shows them: no service time reads as null, a queue with nothing pending as none", async () => {
    const now = new Date(created.c1!.getTime() + 5 * 60_000);
    const rows = await queueInsights(viewer, 7, now);
    const of = (id: string) => rows.find((q) => q.id === id)!;
    expect(of(a.queue.id)).toMatchObject({ oldestPendingAt: created.a1, serviceMinutes: 1, pastServiceTime: 2 });
    expect(of(b.queue.id)).toMatchObject({ oldestPendingAt: created.b1, serviceMinutes: 24 * 60, pastServiceTime: 0 });
    expect(of(c.queue.id)).toMatchObject({ oldestPendingAt: created.c1, serviceMinutes: null, pastServiceTime: null });
    // Once everything in A is decided or expired, A has no oldest pending and none past its service time.
    await db.proposal.updateMany({ where: { queueId: a.queue.id }, data: { status: "rejected" } });
    expect((await queueInsights(viewer, 7, now)).find((q) => q.id === a.queue.id)).toMatchObject({ oldestPendingAt: null, pastServiceTime: 0 });
  });
});
