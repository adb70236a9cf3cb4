// "Select all N matching" against a real database: the snapshot resolves the
// queue's own filters (cap, breakdown), deciding it decides exactly its ids
// through the batch path (skips listed per item, one batch id, the view in
// each receipt), and the server refuses a snapshot it did not sign for this
// person, or one past its lifetime.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addVersion } from "@/test-support/new-version";
import type { Prisma } from "@/generated/sqlite/client";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { decideView, readSnapshot, SNAPSHOT_CAP, SNAPSHOT_TTL_MS, snapshotView } from "@/lib/proposals/view-snapshot";
import { setMembership } from "@/lib/users/admin-changes";
import { CLI_CALLER } from "@/lib/users/admin-caller";

async function propose(apiKey: string, queue: string, title: string, risk: "low" | "medium" | "high" = "high") {
  const res = await postProposal(apiKey, sampleEnvelope(queue, { title, risk }));
  expect(res.status).toBeLessThan(300);
  return res.body.id as string;
}

describe("view snapshots", () => {
  it("resolves the queue's filters to the pending ids, with a breakdown by agent, queue, tier and risk", async () => {
    const world = await createTestWorld();
    const other = await createTestWorld();
    const tag = randomUUID().slice(0, 8);
    const ids = [
      await propose(world.apiKey, world.queue.slug, `Pay ${tag} 1`, "high"),
      await propose(world.apiKey, world.queue.slug, `Pay ${tag} 2`, "high"),
      await propose(world.apiKey, world.queue.slug, `Pay ${tag} 3`, "low"),
    ];
    await propose(other.apiKey, other.queue.slug, `Pay ${tag} elsewhere`); // another queue: not in the view
    const decided = await propose(world.apiKey, world.queue.slug, `Pay ${tag} decided`);
    const dana = await createTestUser("approver");
    await decideProposals(dana, { ids: [decided], outcome: "rejected", reason: "not pending any more" });

    const snapshot = await snapshotView(dana, { status: "pending", queue: world.queue.slug, sort: "oldest" });
    expect(snapshot.count).toBe(3);
    expect(snapshot.total).toBe(3);
    expect(snapshot.capped).toBe(false);
    expect(snapshot.notYours).toBe(0);
    expect(snapshot.breakdown.agent).toEqual([{ value: world.agent.name, count: 3 }]);
    expect(snapshot.breakdown.queue).toEqual([{ value: world.queue.slug, count: 3 }]);
    expect(snapshot.breakdown.risk).toEqual([
      { value: "high", count: 2 },
      { value: "low", count: 1 },
    ]);
    expect(snapshot.breakdown.tier.reduce((n, t) => n + t.count, 0)).toBe(3);
    expect(readSnapshot(dana, snapshot.token).i.map(([id]) => id)).toEqual(ids);
  });

  it(`takes at most ${SNAPSHOT_CAP} items, in the queue's order, and says how many the view matched`, async () => {
    const world = await createTestWorld();
    const first = await propose(world.apiKey, world.queue.slug, "Cap template");
    const { id: _id, ...template } = await db.proposal.findUniqueOrThrow({ where: { id: first } });
    const extra = SNAPSHOT_CAP + 1; // the view holds SNAPSHOT_CAP + 2
    const base = template.createdAt.getTime();
    for (let i = 0; i < extra; i += 1000) {
      const data = Array.from({ length: Math.min(1000, extra - i) }, (_, k) => ({ ...template, createdAt: new Date(base + 1000 + i + k) })) as unknown as Prisma.ProposalCreateManyInput[];
      await db.proposal.createMany({ data });
    }
    const dana = await createTestUser("approver");
    const snapshot = await snapshotView(dana, { status: "pending", queue: world.queue.slug, sort: "oldest" });
    expect(snapshot.count).toBe(SNAPSHOT_CAP);
    expect(snapshot.total).toBe(SNAPSHOT_CAP + 2);
    expect(snapshot.capped).toBe(true);
    // Oldest first: the template is in, the newest is cut.
    const held = readSnapshot(dana, snapshot.token).i.map(([id]) => id);
    expect(held[0]).toBe(first);
    expect(new Set(held).size).toBe(SNAPSHOT_CAP);
  }, 300_000); // 5,002 rows to write on a shared machine: a generous ceiling, not a speed check

  it("resolves a text search that matches more items than one statement can carry as parameters", async () => {
    // A broad search (an operator's "refund" at a million) once became one `id IN (...)` list of every match,
    // which SQLite's driver refused (P2029, too many parameters) and PostgreSQL planned slowly.
    const world = await createTestWorld();
    const tag = `wide${randomUUID().slice(0, 8)}`;
    const first = await propose(world.apiKey, world.queue.slug, `Refund ${tag}`);
    const { id: _id, ...template } = await db.proposal.findUniqueOrThrow({ where: { id: first } });
    const extra = 1499;
    for (let i = 0; i < extra; i += 500) {
      const data = Array.from({ length: Math.min(500, extra - i) }, (_, k) => ({ ...template, createdAt: new Date(template.createdAt.getTime() + 1000 + i + k) })) as unknown as Prisma.ProposalCreateManyInput[];
      await db.proposal.createMany({ data });
    }
    const dana = await createTestUser("approver");
    const snapshot = await snapshotView(dana, { status: "pending", q: tag, sort: "oldest" });
    const held = readSnapshot(dana, snapshot.token).i.map(([id]) => id);
    expect(snapshot.count).toBe(held.length);
    expect(snapshot.count).toBeGreaterThan(999);
    expect(snapshot.total).toBeGreaterThanOrEqual(snapshot.count);
    expect(snapshot.breakdown.queue).toEqual([{ value: world.queue.slug, count: snapshot.count }]);
    // In the queue's order (oldest first) and every one a match of this view.
    const rows = await db.proposal.findMany({ where: { id: { in: held.slice(0, 900) } }, select: { id: true, createdAt: true, queueId: true } });
    expect(rows.every((r) => r.queueId === world.queue.id)).toBe(true);
    const at = new Map(rows.map((r) => [r.id, r.createdAt.getTime()]));
    const times = held.slice(0, 900).map((id) => at.get(id)!);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  }, 300_000); // 1,500 rows to write on a shared machine: a generous ceiling, not a speed check

  it("decides exactly the snapshot: one batch id, the view in each receipt, skips listed per item, newcomers left alone", async () => {
    const world = await createTestWorld();
    const q = world.queue.slug;
    const ids = [await propose(world.apiKey, q, "A"), await propose(world.apiKey, q, "B"), await propose(world.apiKey, q, "C"), await propose(world.apiKey, q, "D")];
    const dana = await createTestUser("approver", "Dana Ops");
    const sam = await createTestUser("approver", "Sam Other");
    const snapshot = await snapshotView(dana, { status: "pending", queue: q, risk: "high" });
    expect(snapshot.count).toBe(4);

    // After the snapshot: someone else decides B, C is edited (a new version), E arrives.
    await decideProposals(sam, { ids: [ids[1]!], outcome: "approved" });
    await addVersion(ids[2]!);
    const newcomer = await propose(world.apiKey, q, "E arrived later");

    const result = await decideView(dana, { token: snapshot.token, outcome: "approved" });
    expect(result.decided.map((d) => d.title).sort()).toEqual(["A", "D"]);
    expect(result.skipped.map((s) => [s.title, s.reason]).sort()).toEqual([
      ["B", "already_decided"],
      ["C", "changed"],
    ]);
    expect(result.leftOut).toEqual({ count: 1, items: [{ id: newcomer, title: "E arrived later" }] });
    expect((await db.proposal.findUniqueOrThrow({ where: { id: newcomer } })).status).toBe("pending");
    expect((await db.proposal.findUniqueOrThrow({ where: { id: ids[2] } })).status).toBe("pending");

    const receipts = await db.receipt.findMany({ where: { batchId: result.batchId } });
    expect(receipts.map((r) => r.proposalId).sort()).toEqual([ids[0], ids[3]].sort());
    for (const r of receipts) {
      expect(r.payload).toMatchObject({ batch_id: result.batchId, from_view: { filters: { status: "pending", queue: q, risk: "high", sort: "newest" }, snapshot_size: 4, snapshot_at: snapshot.takenAt } });
    }
  });

  it("checks each item's rights: items on a queue where the person is a viewer are counted, then skipped", async () => {
    const mine = await createTestWorld();
    const theirs = await createTestWorld();
    const tag = randomUUID().slice(0, 8);
    const a = await propose(mine.apiKey, mine.queue.slug, `Rights ${tag} mine`);
    const b = await propose(theirs.apiKey, theirs.queue.slug, `Rights ${tag} theirs`);
    const vic = await createTestUser("viewer");
    await setMembership(CLI_CALLER, { userId: vic.id, queueId: mine.queue.id, role: "approver" });

    const snapshot = await snapshotView(vic, { status: "pending", q: tag });
    expect(snapshot.count).toBe(2);
    expect(snapshot.notYours).toBe(1);
    const result = await decideView(vic, { token: snapshot.token, outcome: "approved" });
    expect(result.decided.map((d) => d.id)).toEqual([a]);
    expect(result.skipped).toMatchObject([{ id: b, reason: "not_allowed" }]);
  });

  it("refuses a viewer, a non-pending view, a tampered or borrowed snapshot, and an expired one", async () => {
    const world = await createTestWorld();
    const id = await propose(world.apiKey, world.queue.slug, "Guarded");
    const dana = await createTestUser("approver");
    const sam = await createTestUser("approver");
    await expect(snapshotView(await createTestUser("viewer"), { status: "pending" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(snapshotView(dana, { status: "approved" })).rejects.toMatchObject({ code: "view_not_pending" });

    const snapshot = await snapshotView(dana, { status: "pending", queue: world.queue.slug });
    // Another id slipped into the body, signature kept.
    const [encoded, signature] = snapshot.token.split(".");
    const body = JSON.parse(Buffer.from(encoded!, "base64url").toString());
    body.i.push(["someone-elses-id", 1]);
    const forged = `${Buffer.from(JSON.stringify(body)).toString("base64url")}.${signature}`;
    await expect(decideView(dana, { token: forged, outcome: "approved" })).rejects.toMatchObject({ code: "snapshot_invalid" });
    await expect(decideView(sam, { token: snapshot.token, outcome: "approved" })).rejects.toMatchObject({ code: "snapshot_invalid" });
    await expect(decideView(await createTestUser("viewer"), { token: snapshot.token, outcome: "approved" })).rejects.toMatchObject({ code: "forbidden" });
    const later = new Date(Date.now() + SNAPSHOT_TTL_MS + 1000);
    await expect(decideView(dana, { token: snapshot.token, outcome: "approved" }, later)).rejects.toMatchObject({ code: "snapshot_expired" });
    await expect(decideView(dana, { token: snapshot.token, outcome: "rejected" })).rejects.toThrow(/reason/);
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
  });
});
