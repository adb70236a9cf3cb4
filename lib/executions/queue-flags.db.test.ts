// The queue's execution flags and filter on a real database: an approval with
// no report after EXECUTION_OVERDUE_HOURS reads "not_executed", an execution on
// another digest reads "digest_mismatch", and the filter lists exactly those.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { listQueue } from "@/lib/proposals/list-queue";
import { parseQueueFilters } from "@/lib/proposals/queue-filters";
import { reportExecution } from "@/lib/executions/report-execution";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

describe("queue execution flags", () => {
  it("flags overdue approvals and mismatched executions, and filters by them", async () => {
    const world = await createTestWorld();
    const approver = await createTestUser("approver");
    const ids: string[] = [];
    for (const title of ["overdue", "recent", "mismatch", "matching"]) {
      const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title }));
      ids.push(res.body.id);
    }
    await decideProposals(approver, { ids, outcome: "approved" });
    const [overdue, recent, mismatch, matching] = ids as [string, string, string, string];
    // Approved two days ago (the default limit is 24 hours).
    await db.proposal.update({ where: { id: overdue }, data: { decidedAt: new Date(Date.now() - 48 * 3600_000) } });
    const agent = { id: world.agent.id, name: world.agent.name };
    const digestOf = async (id: string) => (await db.proposal.findUniqueOrThrow({ where: { id } })).digest;
    await reportExecution(agent, mismatch, { outcome: "executed", digest: "f".repeat(64) });
    await reportExecution(agent, matching, { outcome: "executed", digest: await digestOf(matching) });

    const all = await listQueue(parseQueueFilters({ status: "all", queue: world.queue.slug }), null);
    const flagOf = new Map(all.rows.map((r) => [r.id, r.executionFlag]));
    expect(flagOf.get(overdue)).toBe("not_executed");
    expect(flagOf.get(recent)).toBeNull();
    expect(flagOf.get(mismatch)).toBe("digest_mismatch");
    expect(flagOf.get(matching)).toBeNull();

    const notExecuted = await listQueue(parseQueueFilters({ status: "all", queue: world.queue.slug, flag: "not_executed" }), null);
    expect(notExecuted.rows.map((r) => r.id)).toEqual([overdue]);
    const mismatched = await listQueue(parseQueueFilters({ status: "all", queue: world.queue.slug, flag: "digest_mismatch" }), null);
    expect(mismatched.rows.map((r) => r.id)).toEqual([mismatch]);
    expect(parseQueueFilters({ flag: "bogus" }).flag).toBeUndefined();
  });
});
