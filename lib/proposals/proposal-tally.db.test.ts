// The queue's per-status counts and look-alike groups come from the tally the
// database's triggers keep (migration `queue_tally`), not from counting rows:
// these tests hold them equal to a count of the rows after every kind of
// write (intake, approve, reject, expiry, a raw SQL update no lib function
// made) and after the tally is folded. With a trigger removed the
// counts drift from the rows and these fail. On PostgreSQL the triggers run
// once per statement (migration `tally_per_statement`).
import { describe, expect, it } from "vitest";
import { databaseTarget, db } from "@/lib/db/client";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { countByStatus } from "@/lib/proposals/list-queue";
import { listLookAlikeGroups } from "@/lib/proposals/look-alike-groups";
import { parseQueueFilters } from "@/lib/proposals/queue-filters";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { expireOverdueProposals } from "@/lib/proposals/expire-proposals";
import { foldTally, readTally } from "@/lib/proposals/proposal-tally";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

/** The counts as the rows have them (the query the tally replaces), pending-past-expiry as expired. */
async function countedFromRows(queueId: string, risk?: string): Promise<Record<string, number>> {
  const now = new Date();
  const rows = await db.proposal.findMany({ where: { queueId, ...(risk ? { risk } : {}) }, select: { status: true, expiresAt: true } });
  const counts: Record<string, number> = { all: rows.length, pending: 0, expired: 0 };
  for (const r of rows) {
    const status = r.status === "pending" && r.expiresAt && r.expiresAt <= now ? "expired" : r.status;
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

async function expectExact(slug: string, queueId: string) {
  const nonZero = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).filter(([, n]) => n !== 0));
  expect(nonZero(await countByStatus(parseQueueFilters({ queue: slug })))).toEqual(nonZero(await countedFromRows(queueId)));
  expect(nonZero(await countByStatus(parseQueueFilters({ queue: slug, risk: "high" })))).toEqual(nonZero(await countedFromRows(queueId, "high")));
}

describe("the proposal tally", () => {
  it("keeps the per-status counts and look-alike groups exact through intake, decisions, expiry, raw updates and folds", async () => {
    const world = await createTestWorld();
    const slug = world.queue.slug;
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await postProposal(world.apiKey, sampleEnvelope(slug, { title: `Pay bill ${i}`, risk: i % 2 === 0 ? "high" : "low" }));
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const counts = await countByStatus(parseQueueFilters({ queue: slug }));
    expect(counts.pending).toBe(8);
    expect(counts.all).toBe(8);
    await expectExact(slug, world.queue.id);
    const inQueue = { queue: slug };
    const approver = await createTestUser("approver");
    const groupCount = async () => (await listLookAlikeGroups(approver, inQueue)).reduce((sum, g) => sum + g.count, 0);
    expect(await groupCount()).toBe(8);

    expect((await decideProposals(approver, { ids: [ids[0]!, ids[1]!], outcome: "approved" })).decided).toHaveLength(2);
    expect((await decideProposals(approver, { ids: [ids[2]!], outcome: "rejected", reason: "not this vendor" })).decided).toHaveLength(1);
    await expectExact(slug, world.queue.id);
    expect((await countByStatus(parseQueueFilters({ queue: slug }))).approved).toBe(2);
    expect(await groupCount()).toBe(5);

    // Past its expiry: counted as expired before the sweeper runs, and after.
    await db.proposal.update({ where: { id: ids[3]! }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    await expectExact(slug, world.queue.id);
    expect(await groupCount()).toBe(4);
    expect(await expireOverdueProposals()).toBeGreaterThanOrEqual(1);
    await expectExact(slug, world.queue.id);
    expect((await countByStatus(parseQueueFilters({ queue: slug }))).expired).toBe(1);

    // A writer outside lib (raw SQL), a change of risk: the database counts them all the same.
    await db.$executeRawUnsafe(`UPDATE ${qualifiedTable("Proposal")} SET "status" = 'cancelled' WHERE "id" = ${databaseTarget.provider === "postgresql" ? "$1" : "?"}`, ids[4]!);
    await db.proposal.update({ where: { id: ids[5]! }, data: { risk: "high", riskRank: 2 } });
    await expectExact(slug, world.queue.id);
    expect(await groupCount()).toBe(3);

    await foldTally();
    await expectExact(slug, world.queue.id);
    expect(await countByStatus(parseQueueFilters({ queue: slug }))).toMatchObject({ all: 8, pending: 3, approved: 2, rejected: 1, expired: 1, cancelled: 1 });
    expect(await groupCount()).toBe(3);
  });

  it.runIf(databaseTarget.provider === "postgresql")("compacts a tally file that a burst of writes left large, and counts the same (PostgreSQL)", async () => {
    const world = await createTestWorld();
    const slug = world.queue.slug;
    for (let i = 0; i < 3; i++) expect((await postProposal(world.apiKey, sampleEnvelope(slug, { title: `Burst ${i}` }))).status).toBe(201);
    const table = qualifiedTable("ProposalTally");
    const fileBytes = async () => Number((await db.$queryRawUnsafe<{ b: bigint }[]>(`SELECT pg_relation_size(to_regclass('${table}')) AS "b"`))[0]!.b);
    const counts = await countByStatus(parseQueueFilters({ queue: slug }));
    expect(counts).toMatchObject({ pending: 3, all: 3 });
    // A burst between reads (40,000 rows that cancel out), folded: VACUUM or not, the file keeps its pages.
    await db.$executeRawUnsafe(
      `INSERT INTO ${table} ("status", "queueId", "agentId", "tier", "risk", "shapeKey", "n")
       SELECT 'approved', $1, $2, 'draft', 'low', '', CASE WHEN g % 2 = 0 THEN 1 ELSE -1 END FROM generate_series(1, 40000) AS g`,
      world.queue.id,
      world.agent.id,
    );
    await foldTally();
    expect(await fileBytes()).toBeGreaterThan(2 << 20);
    // The next read compacts it; the counts (and the read after) are unchanged.
    expect(await countByStatus(parseQueueFilters({ queue: slug }))).toEqual(counts);
    expect(await fileBytes()).toBeLessThan(1 << 20);
    expect(await countByStatus(parseQueueFilters({ queue: slug }))).toEqual(counts);
    expect((await readTally()).filter((r) => r.queueId === world.queue.id).reduce((sum, r) => sum + r.n, 0)).toBe(3);
  });

  it.runIf(databaseTarget.provider === "postgresql")("writes one row per key a statement moves, not two per row (PostgreSQL)", async () => {
    // The triggers run once per statement (migration `tally_per_statement`): a batch of 500 decisions
    // wrote 1,000 tally rows with the row triggers. Three items of one key decided in one batch move
    // two keys (pending -3, approved +3); an UPDATE that moves no key writes nothing.
    const world = await createTestWorld();
    const slug = world.queue.slug;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await postProposal(world.apiKey, sampleEnvelope(slug, { title: `Same shape ${i}`, risk: "high" }));
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const table = qualifiedTable("ProposalTally");
    const tallyRows = async () => Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS "n" FROM ${table} WHERE "queueId" = $1`, world.queue.id))[0]!.n);
    const before = await tallyRows();
    await db.$executeRawUnsafe(`UPDATE ${qualifiedTable("Proposal")} SET "updatedAt" = now() WHERE "queueId" = $1`, world.queue.id);
    expect(await tallyRows()).toBe(before);
    const approver = await createTestUser("approver");
    expect((await decideProposals(approver, { ids, outcome: "approved" })).decided).toHaveLength(3);
    expect(await tallyRows()).toBe(before + 2);
    await expectExact(slug, world.queue.id);
  });

  it("counts nothing for a queue or agent that does not exist", async () => {
    expect((await countByStatus(parseQueueFilters({ queue: "no-such-queue" }))).all).toBe(0);
    expect((await countByStatus(parseQueueFilters({ agent: "no-such-agent" }))).all).toBe(0);
  });
});
