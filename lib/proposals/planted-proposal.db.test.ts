// A proposal row planted by SQL (write access to the database needs no signing key) with a value no
// writer stores: its page, the agent's GET and long poll, a decision and the insights' recompute each
// answer without a 5xx, name the value, and nobody approves the row, through any decision path, even
// when only a descriptive value (changes, inputs, ...) is damaged and the plan it would run reads.
// SQLite stores any text in any column; PostgreSQL only what the column type allows, so there the
// planted values are JSON of the wrong shape and dates JavaScript cannot read ('infinity', the year
// 200000). One proposal per value;
// each planted value is put back when its test is done (the database tests share one database per run,
// and other files read every proposal: the insights' recompute).
import { describe, expect, it, onTestFinished } from "vitest";
import { GET } from "@/app/api/v1/proposals/[id]/route";
import { databaseTarget, db } from "@/lib/db/client";
import { sqlParam } from "@/lib/db/raw-values";
import { computeInsightsFromHistory } from "@/lib/insights/rebuild-insights";
import { approveWithEdits } from "@/lib/proposals/approve-with-edits";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { getProposalDetail } from "@/lib/proposals/get-proposal-detail";
import { decideView, snapshotView } from "@/lib/proposals/view-snapshot";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

const SQLITE = databaseTarget.provider === "sqlite";
const NOT_JSON = SQLITE ? `'{not json'` : `'7'::jsonb`;
const JSON_COLUMNS = ["plan", "changes", "inputs", "policies", "scopes", "envelope", "artifacts", "trace", "rollbackPlan"];

/** [column, value as SQL, the name the readers give it]. */
const CASES: [string, string, string][] = [
  ...JSON_COLUMNS.map((c): [string, string, string] => [c, NOT_JSON, c]),
  // Well-formed JSON of the right outer type, with steps that are not steps (the page reads step.tool).
  ["plan", `'[{"x": 1}]'`, "plan"],
  ["createdAt", SQLITE ? `'not a date'` : `'200000-01-01'`, "createdAt"],
  ["expiresAt", SQLITE ? `'not a date'` : `'infinity'`, "expiresAt"],
  ["decidedAt", SQLITE ? `'garbage'` : `'-infinity'`, "decidedAt"],
  ["status", `'hacked'`, "status"],
  ["tier", `'admin'`, "tier"],
  ["risk", `'none'`, "risk"],
  ...(SQLITE ? [["version", `'two'`, "version"] as [string, string, string], ["approvalCount", `'x'`, "approvalCount"] as [string, string, string]] : []),
  // A version in force without its row (every writer stores both).
  ["version", "7", "version 7"],
];

/** The stored values the agent's answer reads (get-proposal-for-agent.ts AGENT_COLUMNS). */
const AGENT_READS = new Set(["plan", "createdAt", "expiresAt", "status", "tier", "version", "approvalCount", "rollbackPlan", "version 7"]);

/**
 * The values an operator reads to judge an item but an approval does not run: with only one of them
 * unreadable the plan is intact, yet nobody may approve what they could not see (load-for-decision.ts
 * reads these apart from the base statement). PostgreSQL holds an unreadable value in each (jsonb of
 * the wrong shape, '-infinity'), so none is skipped there.
 */
const DESCRIPTIVE: [string, string][] = [
  ...["changes", "inputs", "artifacts", "trace", "policies", "rollbackPlan", "envelope"].map((c): [string, string] => [c, NOT_JSON]),
  ["decidedAt", SQLITE ? `'garbage'` : `'-infinity'`],
];

type World = Awaited<ReturnType<typeof createTestWorld>>;
const world = await createTestWorld();
const approver = await createTestUser("approver", "Planted Approver");

/** A new pending proposal with `column` set to `value` by SQL; the value is put back from an untouched sibling when the test is done. */
async function planted(column: string, value: string, into: World = world): Promise<string> {
  const [res, clean] = await Promise.all([
    postProposal(into.apiKey, sampleEnvelope(into.queue.slug, { title: `Planted ${column}` })),
    postProposal(into.apiKey, sampleEnvelope(into.queue.slug, { title: `Clean twin of ${column}` })),
  ]);
  expect([res.status, clean.status]).toEqual([201, 201]);
  const id = res.body.id as string;
  onTestFinished(async () => {
    await db.$executeRawUnsafe(`UPDATE "Proposal" SET "${column}" = (SELECT "${column}" FROM "Proposal" WHERE "id" = ${sqlParam(1)}) WHERE "id" = ${sqlParam(2)}`, clean.body.id, id);
    // The query builder reads the row again (it threw on the planted value).
    expect(await db.proposal.findUnique({ where: { id } })).not.toBeNull();
  });
  await db.$executeRawUnsafe(`UPDATE "Proposal" SET "${column}" = ${value} WHERE "id" = ${sqlParam(1)}`, id);
  return id;
}

/** A new pending proposal left as intake stored it: the neighbour a batch still decides. */
async function healthy(into: World = world): Promise<string> {
  const res = await postProposal(into.apiKey, sampleEnvelope(into.queue.slug, { title: "Healthy neighbour" }));
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function longPoll(id: string) {
  const request = new Request(`http://countersign.test/api/v1/proposals/${id}?wait=1`, { headers: { authorization: `Bearer ${world.apiKey}` } });
  const res = await GET(request, { params: Promise.resolve({ id }) });
  return { status: res.status, body: await res.json() };
}

describe("a proposal row planted by SQL", () => {
  it.each(CASES)("%s = %s: the page names it, the agent gets no 5xx, nobody approves it", async (column, value, name) => {
    const id = await planted(column, value);

    // The page's data: read, the value named, plain data for the browser.
    const detail = await getProposalDetail(approver, id);
    expect(detail).not.toBeNull();
    expect(detail!.unreadable).toContain(name);
    expect(JSON.parse(JSON.stringify(detail))).toEqual(detail);
    expect(Array.isArray(detail!.plan) && Array.isArray(detail!.changes)).toBe(true);

    // The agent: 409 naming the value when its answer reads it, 200 otherwise; the long poll the same.
    const expected = AGENT_READS.has(name) ? 409 : 200;
    const got = await getProposal(world.apiKey, id);
    expect(got.status).toBe(expected);
    if (expected === 409) expect(got.body).toMatchObject({ error: { code: "unreadable", unreadable: expect.arrayContaining([name]) } });
    expect((await longPoll(id)).status).toBe(expected);

    // Fail closed: neither path approves it, whichever value it is (the page offers no decision either);
    // a healthy neighbour in the same batch is decided.
    const neighbour = await healthy();
    const result = await decideProposals(approver, { ids: [id, neighbour], outcome: "approved" });
    expect(result.decided).toEqual([{ id: neighbour, title: "Healthy neighbour" }]);
    expect(result.recorded).toEqual([]);
    expect(result.skipped).toMatchObject([{ id, reason: "unreadable" }]);
    expect(result.skipped[0]!.message).toContain(name);
    await expect(approveWithEdits(approver, { id, version: 1, plan: [{ index: 0, args: { invoice: "INV-2291" } }] })).rejects.toMatchObject({ kind: "conflict", code: "unreadable" });
    expect(await db.decision.count({ where: { proposalId: id } })).toBe(0);

    // The insights' full recompute runs; a date it cannot read leaves that proposal out, counted.
    const recomputed = await computeInsightsFromHistory();
    if (column === "createdAt" || column === "decidedAt") expect(recomputed.unreadable).toBeGreaterThan(0);
  });

  it.each(DESCRIPTIVE)("only %s unreadable (%s): the whole view's decision refuses it, its healthy neighbour is approved", async (column, value) => {
    // A world of its own, so that the view holds exactly these two pending items.
    const own = await createTestWorld();
    const id = await planted(column, value, own);
    const neighbour = await healthy(own);
    const twin = (await db.proposal.findFirstOrThrow({ where: { queueId: own.queue.id, title: `Clean twin of ${column}` }, select: { id: true } })).id;
    await decideProposals(approver, { ids: [twin], outcome: "rejected", reason: "not part of this view" });

    // The page names it and offers no decision; the plan, status and quorum a decision runs on all read.
    const detail = await getProposalDetail(approver, id);
    expect(detail!.unreadable).toEqual([column]);

    const snapshot = await snapshotView(approver, { status: "pending", queue: own.queue.slug });
    expect(snapshot.count).toBe(2);
    const result = await decideView(approver, { token: snapshot.token, outcome: "approved" });
    expect(result.decided).toEqual([{ id: neighbour, title: "Healthy neighbour" }]);
    expect(result.skipped).toMatchObject([{ id, reason: "unreadable" }]);
    expect(result.skipped[0]!.message).toContain(column);
    expect(await db.decision.count({ where: { proposalId: id } })).toBe(0);
    expect((await db.$queryRawUnsafe<{ status: string }[]>(`SELECT "status" FROM "Proposal" WHERE "id" = ${sqlParam(1)}`, id))[0]!.status).toBe("pending");
  });

  it("a batch longer than one read of the descriptive values (100 rows): the damaged item past it is refused too", async () => {
    const own = await createTestWorld();
    const neighbours: string[] = [];
    for (let i = 0; i < 120; i += 20) neighbours.push(...(await Promise.all(Array.from({ length: 20 }, () => healthy(own)))));
    const id = await planted("changes", NOT_JSON, own);
    const result = await decideProposals(approver, { ids: [...neighbours, id], outcome: "approved" });
    expect(result.decided.map((d) => d.id).sort()).toEqual([...neighbours].sort());
    expect(result.skipped).toMatchObject([{ id, reason: "unreadable" }]);
  });

  it("a year JavaScript reads (9000) is shown as it is, and counted", async () => {
    const id = await planted("createdAt", SQLITE ? `'9000-01-01T00:00:00.000+00:00'` : `'9000-01-01'`);
    const detail = await getProposalDetail(approver, id);
    expect(detail).toMatchObject({ createdAt: "9000-01-01T00:00:00.000Z", unreadable: [] });
    expect((await getProposal(world.apiKey, id)).body.created_at).toBe("9000-01-01T00:00:00.000Z");
    const recomputed = await computeInsightsFromHistory();
    expect([...recomputed.daily.values()].some((r) => r.day.startsWith("9000-01-01") && r.agentId === world.agent.id)).toBe(true);
  });
});
