// The pending tab's first page by expiry comes from two reads in index order
// (list-queue.ts, pendingByExpiryIds: expiry still ahead, then none): the same
// ids, in the same order, as the one query with nulls last, whether the first
// read fills the page or the ones without an expiry complete it, under the
// queue's filters; ties on the expiry keep newest first.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { baseWhere, orderBy, pendingByExpiryIds, statusWhere } from "@/lib/proposals/list-queue";
import { parseQueueFilters } from "@/lib/proposals/queue-filters";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";

describe("the pending tab by expiry", () => {
  it("reads the same first page as the one query with nulls last", async () => {
    const world = await createTestWorld();
    const slug = world.queue.slug;
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await postProposal(world.apiKey, sampleEnvelope(slug, { title: `Pay bill ${i}`, risk: (["low", "high"] as const)[i % 2] }));
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    // Expiries: none, already past (shown as expired, so not pending), ahead with ties, and one decided.
    const base = Date.now();
    for (let i = 0; i < ids.length; i++) {
      const expiresAt = i % 4 === 0 ? null : new Date(base + (i % 7 === 0 ? -60_000 : ((i * 37) % 5) * 3_600_000));
      await db.proposal.update({ where: { id: ids[i] }, data: { expiresAt } });
    }
    await db.proposal.update({ where: { id: ids[1] }, data: { status: "rejected" } });
    const now = new Date();
    for (const params of [{ queue: slug }, { queue: slug, risk: "high" }, { queue: slug, risk: "low" }]) {
      const filters = parseQueueFilters({ ...params, sort: "expiry" });
      for (const take of [3, 20, 51]) {
        const plain = await db.proposal.findMany({
          where: { AND: [...(await baseWhere(filters)), statusWhere("pending", now)] },
          orderBy: orderBy("expiry"),
          take,
          select: { id: true },
        });
        const split = await pendingByExpiryIds(filters, now, take);
        expect(split, `${JSON.stringify(params)} take ${take}`).toEqual(plain.map((r) => r.id));
      }
    }
  });
});
