// The queue's text search on a real database (SQLite FTS5, PostgreSQL
// tsvector): title words and a prefix of the last one, intent, acting-for
// email, agent name and id prefixes match; the queue's other filters still
// apply to the matches; the index follows an edited title (trigger or
// generated column); and hostile input (FTS or tsquery syntax, unbalanced
// quotes, 200 characters) is plain text, never an error.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/generated/sqlite/client";
import { countByStatus, listQueue } from "@/lib/proposals/list-queue";
import { searchProposals, SEARCH_MATCH_CAP } from "@/lib/proposals/search-proposals";
import { parseQueueFilters } from "@/lib/proposals/queue-filters";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";

async function propose(apiKey: string, queue: string, overrides: Parameters<typeof sampleEnvelope>[1]): Promise<string> {
  const res = await postProposal(apiKey, sampleEnvelope(queue, overrides));
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** Ids the queue lists for a search in one queue (status all), sorted for comparison. */
async function search(q: string, queue?: string): Promise<string[]> {
  const page = await listQueue(parseQueueFilters({ status: "all", q, ...(queue ? { queue } : {}) }), null);
  return page.rows.map((r) => r.id).sort();
}

describe("queue text search", async () => {
  // A word no other test writes, so results from the shared database are only ours.
  const tag = `zq${randomUUID().slice(0, 8)}`;
  const world = await createTestWorld();
  const other = await createTestWorld();
  const payment = await propose(world.apiKey, world.queue.slug, {
    title: `Pay ${tag} invoice INV-774411 ($12.00)`,
    actor: { type: "user", id: "u_1", email: `ap.${tag}@vendor.example`, name: "Dana Ops" },
  });
  const refund = await propose(world.apiKey, world.queue.slug, { intent: `refund_${tag}`, title: `Refund order ${tag} ORD-5521` });
  const elsewhere = await propose(other.apiKey, other.queue.slug, { title: `Pay ${tag} invoice INV-774412 ($13.00)` });
  const ours = [payment, refund].sort();

  it("matches title words, a prefix of the last word, intent, acting-for email, agent and id prefix", async () => {
    expect(await search(tag, world.queue.slug)).toEqual(ours);
    expect(await search(tag.toUpperCase(), world.queue.slug)).toEqual(ours);
    expect(await search(`${tag} invoice INV-7744`, world.queue.slug)).toEqual([payment]);
    expect(await search(`Refund order ${tag.slice(0, 6)}`, world.queue.slug)).toEqual([refund]);
    expect(await search(`refund_${tag}`, world.queue.slug)).toEqual([refund]);
    expect(await search(`ap.${tag}@vendor`, world.queue.slug)).toEqual([payment]);
    expect(await search(world.agent.name, world.queue.slug)).toEqual(ours);
    expect(await search(refund.slice(0, 8))).toContain(refund);
    expect(await search(refund.slice(0, 13).toUpperCase())).toEqual([refund]);
    // Words, not substrings: the middle of a word is not a match.
    expect(await search(tag.slice(2), world.queue.slug)).toEqual([]);
  });

  it("keeps the queue's other filters on the matches", async () => {
    expect(await search(tag)).toEqual([...ours, elsewhere].sort());
    expect(await search(`${tag} invoice`, other.queue.slug)).toEqual([elsewhere]);
    const pending = await listQueue(parseQueueFilters({ status: "rejected", q: tag }), null);
    expect(pending.rows).toEqual([]);
    const counts = await countByStatus(parseQueueFilters({ q: tag, queue: world.queue.slug }));
    expect(counts.all).toBe(2);
    expect(counts.pending).toBe(2);
  });

  it("follows an edited title", async () => {
    const renamed = `${tag}renamed`;
    await db.proposal.update({ where: { id: refund }, data: { title: `Refund order ${renamed}` } });
    expect(await search(renamed, world.queue.slug)).toEqual([refund]);
    expect(await search(`ORD-5521`, world.queue.slug)).toEqual([]);
  });

  it("treats search syntax and hostile input as plain text, never an error", async () => {
    const hostile = [
      `"${tag}`,
      `${tag}"`,
      `${tag}*`,
      `(${tag}`,
      `-${tag}`,
      `${tag}:*`,
      `^${tag}`,
      `'${tag}'`,
      `${tag} & !`,
    ];
    for (const q of hostile) expect(await search(q, world.queue.slug), q).toEqual(ours);
    const nothing = [
      `"`,
      `""`,
      `*`,
      `:`,
      `()`,
      `-`,
      `:*`,
      `!`,
      `&|<->`,
      `NEAR(${tag} zzz)`,
      `body:${tag}`,
      `${tag} OR zzz`,
      `${tag} AND NOT zzz`,
      `body: "${tag} zzz`,
      `%_\\`,
      `'; DROP TABLE "Proposal"; --`,
      "x".repeat(200),
      `${tag} `.repeat(40),
      "ünïcödé ✓ 漢字",
    ];
    for (const q of nothing) {
      const found = await search(q, world.queue.slug);
      expect(found.filter((id) => !ours.includes(id)), q).toEqual([]);
      await expect(countByStatus(parseQueueFilters({ q, queue: world.queue.slug })), q).resolves.toBeDefined();
    }
    expect(await search(`NEAR(${tag} zzz)`, world.queue.slug)).toEqual([]);
    expect(await search(`${tag} OR zzz`, world.queue.slug)).toEqual([]);
    // A column filter in FTS5 syntax is two words here: "body" is in none of ours.
    expect(await search(`body:${tag}`, world.queue.slug)).toEqual([]);
  });

  it(`says when a search matches more than ${SEARCH_MATCH_CAP} proposals (the page then says its list covers the newest only)`, async () => {
    const many = `zm${randomUUID().slice(0, 8)}`;
    const { id: _id, ...template } = await db.proposal.findUniqueOrThrow({ where: { id: refund } });
    for (let i = 0; i <= SEARCH_MATCH_CAP; i += 1000) {
      const data = Array.from({ length: Math.min(1000, SEARCH_MATCH_CAP + 1 - i) }, (_, k) => ({ ...template, id: randomUUID(), idempotencyKey: randomUUID(), title: `Bulk ${many} ${i + k}` }));
      await db.proposal.createMany({ data: data as unknown as Prisma.ProposalCreateManyInput[] });
    }
    const broad = await searchProposals(many);
    expect(broad.capped).toBe(true);
    expect(broad.ids).toHaveLength(SEARCH_MATCH_CAP);
    const narrow = await searchProposals("INV-774411");
    expect(narrow.capped).toBe(false);
  }, 300_000); // 5,001 rows to write on a shared machine: a generous ceiling, not a speed check
});

