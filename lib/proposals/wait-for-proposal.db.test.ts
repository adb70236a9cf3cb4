// Long-poll (GET /api/v1/proposals/{id}?wait=N) against a real database,
// through the real route handler: a decision made in another transaction,
// in this process or in another app instance (a separate process), wakes the
// waiter; without a decision the wait ends after N seconds with `pending`;
// a bad `wait` is a 400; the 51st concurrent wait of one agent is a 429; a
// client that goes away frees its slot.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/proposals/[id]/route";
import { db } from "@/lib/db/client";
import { enqueueProposalEvents } from "@/lib/webhooks/enqueue";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { proposalWaiters } from "@/lib/proposals/proposal-waiters";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

const run = promisify(execFile);
const controllers: AbortController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.abort();
});

async function pendingProposal() {
  const world = await createTestWorld();
  const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
  expect(res.body.status).toBe("pending");
  return { ...world, id: res.body.id as string };
}

/** GET …?wait=<wait> through the route handler; resolves with the reply and when it arrived. */
async function longPoll(apiKey: string, id: string, wait: string | null, signal?: AbortSignal) {
  const query = wait === null ? "" : `?wait=${encodeURIComponent(wait)}`;
  const request = new Request(`http://countersign.test/api/v1/proposals/${id}${query}`, { headers: { authorization: `Bearer ${apiKey}` }, signal });
  const started = Date.now();
  const response = await GET(request, { params: Promise.resolve({ id }) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers, started, at: Date.now() };
}

/** Until `check` holds, checking every 10 ms (to start a decision only once the waiter is registered). */
async function until(check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("GET /api/v1/proposals/{id}?wait=N", () => {
  it("answers as soon as a person decides in this process (in-process signal), with the decision", async () => {
    const w = await pendingProposal();
    const dana = await createTestUser("approver", "Dana Ops");
    const reply = longPoll(w.apiKey, w.id, "30");
    await until(() => proposalWaiters().waitedIds().includes(w.id));
    const decided = await decideProposals(dana, { ids: [w.id], outcome: "rejected", reason: "Duplicate invoice" });
    const committed = Date.now();
    expect(decided.decided).toHaveLength(1);
    const got = await reply;
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: w.id, status: "rejected", decision: { outcome: "rejected", reason: "Duplicate invoice", decided_by: { name: "Dana Ops" } } });
    // Answered by the decision, not by the 30 s timeout.
    expect(got.at - got.started).toBeLessThan(25_000);
    console.info(`long-poll latency, decision in this process: ${got.at - committed} ms after commit`);
  });

  it("answers when another transaction with no in-process signal (another app instance) decides: the database poll sees it", async () => {
    const w = await pendingProposal();
    const reply = longPoll(w.apiKey, w.id, "30");
    await until(() => proposalWaiters().waitedIds().includes(w.id));
    // A bare status change, as another instance's commit looks from here: no signal in this process.
    await db.$transaction((tx) => tx.proposal.update({ where: { id: w.id }, data: { status: "cancelled", decidedAt: new Date() } }));
    const committed = Date.now();
    const got = await reply;
    expect(got.body.status).toBe("cancelled");
    expect(got.at - got.started).toBeLessThan(25_000);
    console.info(`long-poll latency, decision seen by the database poll: ${got.at - committed} ms after commit`);
  });

  it("answers when a separate process (another app instance) approves through the real decision path", async () => {
    const w = await pendingProposal();
    const dana = await createTestUser("approver", "Dana Ops");
    let exited = 0;
    // Starting tsx takes a while on a loaded machine: long-poll again while the other process is still starting up.
    const child = run("npx", ["tsx", "--conditions=react-server", "test-support/decide-in-child.ts", JSON.stringify({ proposalId: w.id, outcome: "approved", users: [dana] })], {
      env: { ...process.env, LOG_LEVEL: "silent" },
      timeout: 120_000,
    }).then((result) => ((exited = Date.now()), result));
    let got = await longPoll(w.apiKey, w.id, "30");
    while (got.body.status === "pending" && (exited === 0 || Date.now() - exited < 5_000)) got = await longPoll(w.apiKey, w.id, "30");
    expect(JSON.parse((await child).stdout.trim().split("\n").at(-1)!)).toMatchObject({ decided: 1, errors: [] });
    expect(got.body).toMatchObject({ status: "approved", decision: { outcome: "approved" }, approval_token: expect.any(String) });
    console.info(`long-poll answered ${exited - got.at} ms before the deciding process had exited`);
  }, 150_000);

  it("answers a proposal that enqueues its change before commit only after the commit (never the old state as new)", async () => {
    const w = await pendingProposal();
    const reply = longPoll(w.apiKey, w.id, "30");
    await until(() => proposalWaiters().waitedIds().includes(w.id));
    await db.$transaction(async (tx) => {
      await tx.proposal.update({ where: { id: w.id }, data: { status: "rejected", decidedAt: new Date() } });
      await enqueueProposalEvents(tx, [w.id]);
      // The signal fired; the commit is still 300 ms away.
      await new Promise((r) => setTimeout(r, 300));
    });
    const got = await reply;
    expect(got.body.status).toBe("rejected");
  });

  it("ends after N seconds with the current state when nothing happens", async () => {
    const w = await pendingProposal();
    const got = await longPoll(w.apiKey, w.id, "1");
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: w.id, status: "pending", decision: null });
    expect(got.at - got.started).toBeGreaterThanOrEqual(990);
    expect(proposalWaiters().held(w.agent.id)).toBe(0);
  });

  it("answers at once for a proposal that is already decided, and 404 for another agent's proposal", async () => {
    const w = await pendingProposal();
    await db.proposal.update({ where: { id: w.id }, data: { status: "rejected", decidedAt: new Date() } });
    const got = await longPoll(w.apiKey, w.id, "30");
    expect(got.body.status).toBe("rejected");
    expect(got.at - got.started).toBeLessThan(10_000);
    const other = await createTestWorld();
    const foreign = await longPoll(other.apiKey, w.id, "5");
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("not_found");
  });

  it("answers 401, with no approval token, when the key is revoked or the agent disabled while it waits", async () => {
    const dana = await createTestUser("approver", "Dana Ops");
    // The key revoked mid-wait (a leaked key an admin withdraws), then the proposal approved.
    const w = await pendingProposal();
    const reply = longPoll(w.apiKey, w.id, "30");
    await until(() => proposalWaiters().waitedIds().includes(w.id));
    await db.apiKey.updateMany({ where: { agentId: w.agent.id }, data: { revokedAt: new Date() } });
    expect((await decideProposals(dana, { ids: [w.id], outcome: "approved" })).decided).toHaveLength(1);
    const got = await reply;
    expect(got.status).toBe(401);
    expect(got.body).toMatchObject({ error: { code: "unauthenticated" } });
    expect(got.body.approval_token).toBeUndefined();
    expect(await db.approvalToken.count({ where: { proposalId: w.id } })).toBe(0);

    // The agent disabled mid-wait (agent:revoke leaves its approvals standing).
    const v = await pendingProposal();
    const second = longPoll(v.apiKey, v.id, "30");
    await until(() => proposalWaiters().waitedIds().includes(v.id));
    await db.agent.update({ where: { id: v.agent.id }, data: { disabled: true } });
    expect((await decideProposals(dana, { ids: [v.id], outcome: "approved" })).decided).toHaveLength(1);
    expect((await second).status).toBe(401);
    expect(await db.approvalToken.count({ where: { proposalId: v.id } })).toBe(0);
  });

  it("refuses a wait that is not a whole number of seconds from 1 to 30 with a readable 400", async () => {
    const w = await pendingProposal();
    for (const wait of ["0", "31", "abc", "1.5", "-1", "", "1e1", "9999"]) {
      const got = await longPoll(w.apiKey, w.id, wait);
      expect(got.status, `wait=${wait}`).toBe(400);
      expect(got.body.error).toEqual({
        code: "invalid_query",
        message: `The query is not valid: wait must be a whole number of seconds from 1 to 30, e.g. wait=20 (got ${JSON.stringify(wait)}).`,
        issues: [{ path: "wait", message: "must be a whole number of seconds from 1 to 30, e.g. wait=20" }],
      });
    }
    expect((await longPoll(w.apiKey, w.id, "1")).status).toBe(200);
  });

  it("bounds waits per agent: the 51st concurrent wait is 429 with Retry-After; an aborted wait frees its slot", async () => {
    const w = await pendingProposal();
    const held = Array.from({ length: 50 }, () => {
      const c = new AbortController();
      controllers.push(c);
      return { c, reply: longPoll(w.apiKey, w.id, "30", c.signal) };
    });
    await until(() => proposalWaiters().held(w.agent.id) === 50);
    const refused = await longPoll(w.apiKey, w.id, "30");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.body.error).toEqual({
      code: "rate_limited",
      message: "This agent already holds 50 long-polls open (the limit per agent); retry in 1 s, or wait on fewer proposals at once.",
      retry_after: 1,
    });
    // A plain GET is not a wait: still answered.
    expect((await longPoll(w.apiKey, w.id, null)).status).toBe(200);
    // Another agent has its own slots.
    const other = await pendingProposal();
    const c2 = new AbortController();
    controllers.push(c2);
    const otherWait = longPoll(other.apiKey, other.id, "30", c2.signal);
    await until(() => proposalWaiters().held(other.agent.id) === 1);

    // A client that goes away frees its slot at once.
    held[0]!.c.abort();
    expect((await held[0]!.reply).status).toBe(499);
    expect(proposalWaiters().held(w.agent.id)).toBe(49);
    const c3 = new AbortController();
    controllers.push(c3);
    const again = longPoll(w.apiKey, w.id, "30", c3.signal);
    await until(() => proposalWaiters().held(w.agent.id) === 50);

    // Deciding answers every waiter.
    await db.proposal.update({ where: { id: w.id }, data: { status: "cancelled", decidedAt: new Date() } });
    const replies = await Promise.all([...held.slice(1).map((h) => h.reply), again]);
    expect(replies.every((r) => r.status === 200 && r.body.status === "cancelled")).toBe(true);
    expect(proposalWaiters().held(w.agent.id)).toBe(0);
    c2.abort();
    await otherWait;
  }, 60_000);

  it("measures decision-to-answer latency (printed, not asserted): 10 rounds each way", async () => {
    const dana = await createTestUser("approver", "Dana Ops");
    const rounds = async (decide: (id: string) => Promise<void>) => {
      const latencies: number[] = [];
      for (let i = 0; i < 10; i++) {
        const w = await pendingProposal();
        const reply = longPoll(w.apiKey, w.id, "30");
        await until(() => proposalWaiters().waitedIds().includes(w.id));
        await decide(w.id);
        const committed = Date.now();
        expect((await reply).body.status).not.toBe("pending");
        latencies.push(Date.now() - committed);
      }
      latencies.sort((a, b) => a - b);
      return `p50 ${latencies[4]} ms, max ${latencies[9]} ms`;
    };
    const inProcess = await rounds(async (id) => void (await decideProposals(dana, { ids: [id], outcome: "rejected", reason: "latency" })));
    const byPoll = await rounds(async (id) => void (await db.proposal.update({ where: { id }, data: { status: "cancelled", decidedAt: new Date() } })));
    console.info(`long-poll latency after commit: decided in this process ${inProcess}; decided elsewhere (database poll) ${byPoll}`);
  }, 180_000);
});
