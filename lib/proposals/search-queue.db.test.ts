// Under a text search the queue pages, sorts and counts the search's matches
// itself (search-queue.ts) instead of asking the database with an `id IN`
// list: every sort, status and page must come out exactly as the query
// builder's own (the same queue without the search, where the search matches
// every proposal).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { countByStatus, listQueue } from "@/lib/proposals/list-queue";
import { parseQueueFilters, SORTS } from "@/lib/proposals/queue-filters";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

async function allPages(params: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await listQueue(parseQueueFilters(params), cursor);
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe("the queue under a text search", () => {
  it("sorts, pages and counts the matches as the query builder does", async () => {
    const world = await createTestWorld();
    const slug = world.queue.slug;
    const tag = `zq${Date.now().toString(36)}`;
    const ids: string[] = [];
    for (let i = 0; i < 56; i++) {
      const res = await postProposal(world.apiKey, sampleEnvelope(slug, { title: `Pay ${tag} bill ${i}`, risk: (["low", "medium", "high", "critical"] as const)[i % 4] }));
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    // Expiries: some soon, some later, some none, some already past (shown as expired); two share a createdAt.
    const base = Date.now();
    for (let i = 0; i < ids.length; i++) {
      const expiresAt = i % 5 === 0 ? null : new Date(base + (i % 3 === 0 ? -60_000 : ((i * 37) % 11) * 3_600_000));
      await db.proposal.update({ where: { id: ids[i]! }, data: { expiresAt, ...(i === 7 ? { createdAt: (await db.proposal.findUniqueOrThrow({ where: { id: ids[8]! } })).createdAt } : {}) } });
    }
    const approver = await createTestUser("approver");
    await decideProposals(approver, { ids: [ids[1]!, ids[2]!, ids[4]!], outcome: "approved" });

    for (const sort of SORTS) {
      for (const status of ["pending", "all", "expired", "approved"]) {
        const expected = await allPages({ queue: slug, sort, status });
        expect(await allPages({ queue: slug, sort, status, q: tag }), `${sort} ${status}`).toEqual(expected);
      }
    }
    expect(await allPages({ queue: slug, risk: "high", q: tag })).toEqual(await allPages({ queue: slug, risk: "high" }));
    expect(await countByStatus(parseQueueFilters({ queue: slug, q: tag }))).toEqual(await countByStatus(parseQueueFilters({ queue: slug })));
    expect(await countByStatus(parseQueueFilters({ queue: slug, q: tag, risk: "low" }))).toEqual(await countByStatus(parseQueueFilters({ queue: slug, risk: "low" })));
    expect((await countByStatus(parseQueueFilters({ queue: "no-such-queue", q: tag }))).all).toBe(0);
  });
});
