// The insight figures on a small fixed history made through the real writers
// (intake, decisions, edit-and-approve, expiry, stopping an agent, execution
// reports), against figures computed by hand; and the rollups the writers kept
// against a full recompute from the history (rebuild-insights.ts). Other test
// files share the database, so every comparison is limited to this test's
// queue, agents and people.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createAgent } from "@/lib/agents/create-agent";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { approveWithEdits } from "@/lib/proposals/approve-with-edits";
import { expireOverdueProposals } from "@/lib/proposals/expire-proposals";
import { stopAgent } from "@/lib/containment/stop-agent";
import { reportExecution } from "@/lib/executions/report-execution";
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { agentInsights, peopleInsights, queueInsights } from "@/lib/insights/read-insights";
import { computeInsightsFromHistory } from "@/lib/insights/rebuild-insights";
import { bucketOf, bucketValueSeconds } from "@/lib/insights/latency-buckets";
import { createTestWorld, sampleEnvelope, uniqueName } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import type { CurrentUser } from "@/lib/auth/current-user";

const SCOPES = ["ap:read", "ap:write:draft", "ap:commit"];
/** What the rollups report for a latency of `seconds`: the middle of its bucket. */
const reported = (seconds: number) => bucketValueSeconds(bucketOf(seconds * 1000));

let world: Awaited<ReturnType<typeof createTestWorld>>;
let agentB: { id: string; name: string; apiKey: string };
let agentC: { id: string; name: string; apiKey: string };
let u1: CurrentUser;
let u2: CurrentUser;
let admin: CurrentUser;
const ids: Record<string, string> = {};
const created: Record<string, Date> = {};
let latest = new Date();

async function propose(name: string, apiKey: string, overrides: Parameters<typeof sampleEnvelope>[1] = {}) {
  const res = await postProposal(apiKey, sampleEnvelope(world.queue.slug, overrides));
  expect(res.status).toBe(201);
  ids[name] = res.body.id;
  created[name] = (await db.proposal.findUniqueOrThrow({ where: { id: res.body.id }, select: { createdAt: true } })).createdAt;
}

const after = (name: string, seconds: number) => {
  const at = new Date(created[name]!.getTime() + seconds * 1000);
  if (at > latest) latest = at;
  return at;
};

beforeAll(async () => {
  world = await createTestWorld(SCOPES);
  agentB = await createAgent({ name: uniqueName("agent-b"), sponsorEmail: world.sponsor.email, scopes: SCOPES });
  agentC = await createAgent({ name: uniqueName("agent-c"), sponsorEmail: world.sponsor.email, scopes: SCOPES });
  u1 = await createTestUser("approver");
  u2 = await createTestUser("approver");
  admin = await createTestUser("admin");

  // Agent A: approved after 60 s and 600 s, rejected after 3600 s, edited and approved after 120 s.
  for (const name of ["p1", "p2", "p3", "p4"]) await propose(name, world.apiKey);
  expect((await decideProposals(u1, { ids: [ids.p1!], outcome: "approved" }, after("p1", 60))).decided).toHaveLength(1);
  expect((await decideProposals(u1, { ids: [ids.p2!], outcome: "approved" }, after("p2", 600))).decided).toHaveLength(1);
  expect((await decideProposals(u2, { ids: [ids.p3!], outcome: "rejected", reason: "wrong vendor" }, after("p3", 3600))).decided).toHaveLength(1);
  const plan = sampleEnvelope(world.queue.slug).plan.map((step, index) => ({ index, args: index === 1 ? { ...step.args, amount: "12000.00" } : step.args }));
  const edited = await approveWithEdits(u2, { id: ids.p4!, version: 1, plan }, after("p4", 120));
  expect(edited.approvals).toBe(edited.requiredApprovals);

  // Executions: p1 on the approved digest, p2 on another one; p4 never reported.
  const digestOf = async (id: string) => (await getProposal(world.apiKey, id)).body.approved_digest as string;
  await reportExecution(world.agent, ids.p1!, { outcome: "executed", digest: await digestOf(ids.p1!) }, after("p1", 900));
  await reportExecution(world.agent, ids.p2!, { outcome: "executed", digest: "0".repeat(64) }, after("p2", 900));

  // Agent B: one expires (swept), one stays pending. Agent C: one pending, cancelled when C is stopped.
  await propose("p5", agentB.apiKey, { expires_at: new Date(Date.now() + 2000).toISOString() });
  await propose("p6", agentB.apiKey);
  await propose("p7", agentC.apiKey);
  const sweep = after("p5", 5);
  await expireOverdueProposals(sweep);
  expect((await db.proposal.findUniqueOrThrow({ where: { id: ids.p5! } })).status).toBe("expired");
  await stopAgent(CLI_CALLER, { agentName: agentC.name, reason: "test" }, after("p7", 30));
  await db.queueNotificationSetting.create({ data: { queueId: world.queue.id, serviceMinutes: 1 } });
});

describe("insight figures against hand-computed ones", () => {
  it("per queue: volume, shares, median and p90 time to decision, oldest pending, past service time", async () => {
    // Two minutes after the last event: p6 (pending) is past the one-minute service time.
    const now = new Date(latest.getTime() + 120_000);
    const q = (await queueInsights(u1, 30, now)).find((x) => x.id === world.queue.id)!;
    expect(q).toMatchObject({ volume: 7, closed: 6, approved: 3, autoApproved: 0, rejected: 1, expired: 1, cancelled: 1, serviceMinutes: 1, pastServiceTime: 1 });
    expect(q.approvedShare).toBeCloseTo(3 / 6);
    expect(q.rejectedShare).toBeCloseTo(1 / 6);
    expect(q.expiredShare).toBeCloseTo(1 / 6);
    // Latencies 60, 120, 600, 3600 s: the median (nearest rank 2 of 4) is 120 s, the p90 (rank 4) 3600 s.
    expect(q.medianSeconds).toBe(reported(120));
    expect(q.p90Seconds).toBe(reported(3600));
    expect(Math.abs(q.medianSeconds! / 120 - 1)).toBeLessThan(0.095);
    expect(Math.abs(q.p90Seconds! / 3600 - 1)).toBeLessThan(0.095);
    expect(q.oldestPendingAt?.toISOString()).toBe(created.p6!.toISOString());
  });

  it("per agent: rejection rate, edit-before-approve rate, digest mismatches, approvals never executed", async () => {
    const agents = await agentInsights(u1, 30, latest);
    const a = agents.find((x) => x.id === world.agent.id)!;
    expect(a).toMatchObject({ decided: 4, approved: 3, rejected: 1, editedApprovals: 1, executed: 2, failed: 0, digestMismatches: 1, neverExecuted: 1 });
    expect(a.rejectionRate).toBeCloseTo(0.25);
    expect(a.editRate).toBeCloseTo(1 / 3);
    const b = agents.find((x) => x.id === agentB.id)!;
    expect(b).toMatchObject({ decided: 0, rejectionRate: null, editRate: null, neverExecuted: 0 });
  });

  it("per person, for admins only: decisions and time to decide", async () => {
    const people = await peopleInsights(admin, 30, latest);
    expect(people.find((p) => p.id === u1.id)).toMatchObject({ decisions: 2, approvals: 2, rejections: 0, medianSeconds: reported(60), p90Seconds: reported(600) });
    expect(people.find((p) => p.id === u2.id)).toMatchObject({ decisions: 2, approvals: 1, rejections: 1, medianSeconds: reported(120), p90Seconds: reported(3600) });
    await expect(peopleInsights(u1, 30, latest)).rejects.toMatchObject({ kind: "forbidden" });
  });
});

describe("rollups kept by the writers", () => {
  it("equal a full recompute from the history", async () => {
    const recomputed = await computeInsightsFromHistory();
    const mine = new Set([world.agent.id, agentB.id, agentC.id]);
    const people = new Set([u1.id, u2.id]);
    const strip = <T extends object>(rows: T[]) => rows.map((r) => JSON.parse(JSON.stringify(r)) as T);
    const byKey = (a: { day: string; bucket?: number }, b: { day: string; bucket?: number }) => JSON.stringify(a).localeCompare(JSON.stringify(b));

    const storedDaily = await db.insightDaily.findMany({ where: { agentId: { in: [...mine] } } });
    expect(strip(storedDaily).sort(byKey)).toEqual(strip([...recomputed.daily.values()].filter((r) => mine.has(r.agentId))).sort(byKey));
    // The per-queue and per-agent tables the pages read: equal to the recompute, and to the daily rows summed.
    const storedQueue = await db.insightQueueDaily.findMany({ where: { queueId: world.queue.id } });
    expect(storedQueue.length).toBeGreaterThan(0);
    expect(strip(storedQueue).sort(byKey)).toEqual(strip([...recomputed.queueDaily.values()].filter((r) => r.queueId === world.queue.id)).sort(byKey));
    const storedAgent = await db.insightAgentDaily.findMany({ where: { agentId: { in: [...mine] } } });
    expect(strip(storedAgent).sort(byKey)).toEqual(strip([...recomputed.agentDaily.values()].filter((r) => mine.has(r.agentId))).sort(byKey));
    const summed = new Map<string, number>();
    for (const r of storedDaily) summed.set(`${r.day}|${r.queueId}`, (summed.get(`${r.day}|${r.queueId}`) ?? 0) + r.created + r.approved + r.rejected + r.expired + r.cancelled);
    for (const r of storedQueue) expect(r.created + r.approved + r.rejected + r.expired + r.cancelled).toBe(summed.get(`${r.day}|${r.queueId}`));
    const storedLatency = await db.insightLatency.findMany({ where: { queueId: world.queue.id } });
    expect(storedLatency.length).toBeGreaterThan(0);
    expect(strip(storedLatency).sort(byKey)).toEqual(strip([...recomputed.latency.values()].filter((r) => r.queueId === world.queue.id)).sort(byKey));
    const storedPeople = await db.insightPersonDaily.findMany({ where: { userId: { in: [...people] } } });
    expect(strip(storedPeople).sort(byKey)).toEqual(strip([...recomputed.personDaily.values()].filter((r) => people.has(r.userId))).sort(byKey));
    const storedPersonLatency = await db.insightPersonLatency.findMany({ where: { userId: { in: [...people] } } });
    expect(strip(storedPersonLatency).sort(byKey)).toEqual(strip([...recomputed.personLatency.values()].filter((r) => people.has(r.userId))).sort(byKey));
  });
});
