import { describe, expect, it, vi } from "vitest";
import { Countersign } from "./client.js";
import { CountersignError, StaleTargetError } from "./errors.js";
import { idempotencyKeyFor } from "./idempotency.js";
import { FakeCountersign, json, paymentEnvelope } from "./testing/fake-server.js";

const fast = { retries: 3, minDelayMs: 1, maxDelayMs: 50 };
const client = (server: FakeCountersign, extra: Partial<ConstructorParameters<typeof Countersign>[0]> = {}) =>
  new Countersign({ baseUrl: "http://countersign.test/", apiKey: "test-key", fetch: server.fetch, retry: fast, pollIntervalMs: 20, ...extra });

describe("propose", () => {
  it("returns the receipt and sends the idempotency key", async () => {
    const server = new FakeCountersign();
    const receipt = await client(server).propose(paymentEnvelope(), { idempotencyKey: "k1" });
    expect(receipt).toMatchObject({ id: "p_1", status: "pending", tier: "commit", url: "http://countersign.test/proposals/p_1" });
    expect(server.calls[0]).toMatchObject({ method: "POST", path: "/api/v1/proposals", headers: { "idempotency-key": "k1", authorization: "Bearer test-key", "content-type": "application/json" } });
  });

  it("retries 503, 429 and network errors with the SAME Idempotency-Key and creates one proposal", async () => {
    const server = new FakeCountersign();
    server.script.push(json(503, { error: { code: "unavailable", message: "x" } }), new TypeError("fetch failed"), json(429, { error: { code: "rate_limited", message: "slow down" } }, { "retry-after": "0" }));
    const receipt = await client(server).propose(paymentEnvelope());
    expect(receipt.id).toBe("p_1");
    expect(server.calls).toHaveLength(4);
    const keys = new Set(server.calls.map((c) => c.headers["idempotency-key"]));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.proposals.size).toBe(1);
  });

  it("honours Retry-After in seconds", async () => {
    const server = new FakeCountersign();
    server.script.push(json(429, { error: { code: "rate_limited", message: "x" } }, { "retry-after": "1" }));
    const started = Date.now();
    await client(server, { retry: { ...fast, maxDelayMs: 5000 } }).propose(paymentEnvelope());
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("does not retry a 4xx and gives a typed error with the issues", async () => {
    const server = new FakeCountersign();
    const error = await client(server).propose({ ...paymentEnvelope(), queue: "" }).catch((e) => e);
    expect(error).toBeInstanceOf(CountersignError);
    expect(error).toMatchObject({ code: "invalid_envelope", status: 400, issues: [{ path: "queue", message: "required" }] });
    expect(server.calls).toHaveLength(1);
  });

  it("gives up after the retries with network_error", async () => {
    const server = new FakeCountersign();
    server.script.push(new TypeError("a"), new TypeError("b"), new TypeError("c"), new TypeError("d"));
    await expect(client(server).propose(paymentEnvelope())).rejects.toMatchObject({ code: "network_error", status: 0 });
    expect(server.calls).toHaveLength(4);
  });

  it("a resumed run with a key derived from the tool call gets the same proposal", async () => {
    const server = new FakeCountersign();
    const key = idempotencyKeyFor("run_1", "call_7");
    const first = await client(server).propose(paymentEnvelope(), { idempotencyKey: key });
    const again = await client(server).propose(paymentEnvelope(), { idempotencyKey: key });
    expect(again.id).toBe(first.id);
    expect(server.proposals.size).toBe(1);
  });
});

describe("idempotencyKeyFor", () => {
  it("is a stable sha256 of the parts, unambiguous and key-order independent", () => {
    expect(idempotencyKeyFor("a", "b")).toMatch(/^[0-9a-f]{64}$/);
    expect(idempotencyKeyFor("a", "b")).toBe(idempotencyKeyFor("a", "b"));
    expect(idempotencyKeyFor("ab", "c")).not.toBe(idempotencyKeyFor("a", "bc"));
    expect(idempotencyKeyFor({ x: 1, y: 2 })).toBe(idempotencyKeyFor({ y: 2, x: 1 }));
    expect(() => idempotencyKeyFor()).toThrow(TypeError);
  });
});

describe("waitForDecision", () => {
  it("long-polls with ?wait and returns the approved, edited plan", async () => {
    const server = new FakeCountersign();
    server.longPollMs = 30;
    const cs = client(server);
    const { id } = await cs.propose(paymentEnvelope());
    setTimeout(() => server.approve(id, [{ title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_1", amount: "90.00" } }]), 100);
    const decision = await cs.waitForDecision(id, { timeoutMs: 5000 });
    expect(decision.status).toBe("approved");
    if (decision.status !== "approved") throw new Error("unreachable");
    expect(decision.withEdits).toBe(true);
    expect(decision.approvedPlan[0]!.args).toEqual({ payment_id: "pay_1", amount: "90.00" });
    expect(decision.approvalToken).toBe(`token.${id}.sig`);
    expect(decision.approvedDigest).not.toBe(decision.proposal.digest);
    expect(server.calls.slice(1).every((c) => /\?wait=([1-9]|[12]\d|30)$/.test(c.path))).toBe(true);
  });

  it("pauses between polls when the server answers at once (no long-poll), never spinning", async () => {
    const server = new FakeCountersign();
    const cs = client(server, { pollIntervalMs: 100 });
    const { id } = await cs.propose(paymentEnvelope());
    setTimeout(() => server.reject(id, "wrong vendor"), 550);
    const decision = await cs.waitForDecision(id);
    expect(decision).toMatchObject({ status: "rejected", reason: "wrong vendor" });
    const polls = server.calls.length - 1;
    expect(polls).toBeGreaterThanOrEqual(3);
    expect(polls).toBeLessThanOrEqual(12);
  });

  it("maps expired, cancelled and revoked, and treats an unknown status as not approved", async () => {
    const server = new FakeCountersign();
    const cs = client(server);
    for (const status of ["expired", "cancelled", "revoked", "mystery"] as const) {
      const { id } = await cs.propose(paymentEnvelope({ n: status }));
      server.setStatus(id, status as never);
      const decision = await cs.waitForDecision(id);
      expect(decision.status).toBe(status === "mystery" ? "cancelled" : status);
    }
  });

  it("times out with code timeout and honours an abort signal", async () => {
    const server = new FakeCountersign();
    const cs = client(server);
    const { id } = await cs.propose(paymentEnvelope());
    await expect(cs.waitForDecision(id, { timeoutMs: 150 })).rejects.toMatchObject({ code: "timeout" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(cs.waitForDecision(id, { signal: controller.signal })).rejects.toMatchObject({ code: "aborted" });
  });
});

describe("gate", () => {
  it("runs the APPROVED (edited) arguments, then reports executed with the approved digest", async () => {
    const server = new FakeCountersign();
    const cs = client(server);
    const run = vi.fn(async (plan: { args: Record<string, unknown> }[]) => ({ released: plan[0]!.args.amount }));
    const onProposed = vi.fn((r: { id: string }) => {
      server.approve(r.id, [{ title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_1", amount: "50.00" } }]);
    });
    const result = await cs.gate(paymentEnvelope(), run, { onProposed });
    expect(run).toHaveBeenCalledOnce();
    expect(run.mock.calls[0]![0][0]!.args).toEqual({ payment_id: "pay_1", amount: "50.00" });
    expect(result).toMatchObject({ status: "executed", value: { released: "50.00" } });
    expect(server.executions).toEqual([{ id: "p_1", body: { outcome: "executed", digest: server.proposals.get("p_1")!.proposal.approved_digest, result: { released: "50.00" } } }]);
  });

  it("never runs a rejected proposal", async () => {
    const server = new FakeCountersign();
    const run = vi.fn();
    const result = await client(server).gate(paymentEnvelope(), run, { onProposed: (r) => server.reject(r.id, "no") });
    expect(run).not.toHaveBeenCalled();
    expect(result).toMatchObject({ status: "rejected", decision: { reason: "no" } });
    expect(server.executions).toHaveLength(0);
  });

  it("reports failed and rethrows when run throws", async () => {
    const server = new FakeCountersign();
    const boom = new Error("bank down");
    await expect(client(server).gate(paymentEnvelope(), () => Promise.reject(boom), { onProposed: (r) => server.approve(r.id) })).rejects.toBe(boom);
    expect(server.executions[0]!.body).toMatchObject({ outcome: "failed", result: { error: "Error: bank down" } });
  });

  it("reports stale and returns (not rethrows) when run finds the target changed", async () => {
    const server = new FakeCountersign();
    const stale = new StaleTargetError("bill_789 changed since the proposal", { found_version: "etag-42" });
    const result = await client(server).gate(paymentEnvelope(), () => Promise.reject(stale), { onProposed: (r) => server.approve(r.id) });
    expect(result).toMatchObject({ status: "stale", error: stale, execution: { status: "failed", stale: true } });
    expect(server.executions[0]!.body).toMatchObject({
      outcome: "stale",
      digest: server.proposals.get("p_1")!.proposal.approved_digest,
      result: { error: "StaleTargetError: bill_789 changed since the proposal", details: { found_version: "etag-42" } },
    });
  });

  it("a resumed run with the same key does not propose or execute twice", async () => {
    const server = new FakeCountersign();
    const cs = client(server);
    const key = idempotencyKeyFor("run_1", "call_1");
    const run = vi.fn(() => "done");
    await cs.gate(paymentEnvelope(), run, { idempotencyKey: key, onProposed: (r) => server.approve(r.id) });
    const again = await cs.gate(paymentEnvelope(), run, { idempotencyKey: key });
    expect(again.status).toBe("already_reported");
    expect(run).toHaveBeenCalledOnce();
    expect(server.proposals.size).toBe(1);
    expect(server.executions).toHaveLength(1);
  });
});

describe("reportExecution", () => {
  it("treats its own earlier report (a retry after a lost answer) as done", async () => {
    const server = new FakeCountersign();
    const cs = client(server);
    const { id } = await cs.propose(paymentEnvelope());
    server.approve(id);
    const digest = server.proposals.get(id)!.proposal.approved_digest!;
    await cs.reportExecution(id, { outcome: "executed", digest });
    await expect(cs.reportExecution(id, { outcome: "executed", digest })).resolves.toMatchObject({ status: "executed", digest });
    await expect(cs.reportExecution(id, { outcome: "failed", digest })).rejects.toMatchObject({ code: "already_reported", status: 409 });
  });
});
