// A fake Countersign agent API as a fetch function, for the SDK's unit tests:
// it keeps proposals in memory, honours Idempotency-Key like the server, and
// lets a test decide (approve, edit, reject) or script failures.
import { createHash } from "node:crypto";
import type { Envelope, PlanStep, Proposal } from "../types.js";

type Stored = { envelope: Envelope; proposal: Proposal; key: string | null };

export class FakeCountersign {
  readonly calls: Array<{ method: string; path: string; headers: Record<string, string>; body: unknown }> = [];
  readonly executions: Array<{ id: string; body: Record<string, unknown> }> = [];
  readonly proposals = new Map<string, Stored>();
  /** Responses to return before the real handling, one per request (e.g. 503, 429 with Retry-After, a thrown error). */
  readonly script: Array<Response | Error> = [];
  /** Honour ?wait by answering pending proposals only after this many ms (0: answer at once, like a server without long-poll). */
  longPollMs = 0;
  private next = 1;

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    this.calls.push({ method: init?.method ?? "GET", path: url.pathname + url.search, headers, body });
    const scripted = this.script.shift();
    if (scripted instanceof Error) throw scripted;
    if (scripted) return scripted;
    if (headers.authorization !== "Bearer test-key") return json(401, { error: { code: "unauthenticated", message: "bad key" } });
    const match = url.pathname.match(/^\/api\/v1\/proposals(?:\/([^/]+))?(\/executions)?$/);
    if (!match) return json(404, { error: { code: "not_found", message: "no route" } });
    const [, id, executions] = match;
    if (!id && init?.method === "POST") return this.create(body as Envelope, headers["idempotency-key"] ?? null);
    const stored = id ? this.proposals.get(id) : undefined;
    if (!stored) return json(404, { error: { code: "not_found", message: "No proposal with this id for this agent." } });
    if (executions) {
      if (stored.proposal.execution) return json(409, { error: { code: "already_reported", message: "already reported" } });
      this.executions.push({ id: id!, body });
      const status = body.outcome === "executed" ? "executed" : "failed";
      stored.proposal.status = status;
      stored.proposal.execution = { outcome: body.outcome, digest: body.digest, digest_matches: body.digest === stored.proposal.approved_digest, reported_at: new Date().toISOString() };
      return json(201, { id: `ex_${id}`, proposal_id: id, status, stale: body.outcome === "stale", digest: body.digest, approved_digest: stored.proposal.approved_digest, digest_matches: true, after_revocation: false });
    }
    const wait = Number(url.searchParams.get("wait") ?? 0);
    if (wait && this.longPollMs && stored.proposal.status === "pending") await new Promise((r) => setTimeout(r, this.longPollMs));
    return json(200, structuredClone(stored.proposal));
  };

  private create(envelope: Envelope, key: string | null): Response {
    const digest = sha256(JSON.stringify(envelope));
    const existing = key ? [...this.proposals.values()].find((s) => s.key === key) : undefined;
    if (existing) {
      if (sha256(JSON.stringify(existing.envelope)) !== digest) return json(422, { error: { code: "idempotency_key_reused", message: "other body" } });
      return json(200, this.receipt(existing.proposal));
    }
    if (!envelope.queue) return json(400, { error: { code: "invalid_envelope", message: "The envelope is not valid.", issues: [{ path: "queue", message: "required" }] } });
    const id = `p_${this.next++}`;
    const proposal: Proposal = {
      id,
      status: "pending",
      tier: "commit",
      digest,
      created_at: new Date().toISOString(),
      expires_at: null,
      version: 1,
      approvals: { count: 0, required: 1 },
      decision: null,
    };
    this.proposals.set(id, { envelope, proposal, key });
    return json(201, this.receipt(proposal));
  }

  private receipt(p: Proposal) {
    return { id: p.id, status: p.status, tier: p.tier, digest: p.digest, url: `http://countersign.test/proposals/${p.id}` };
  }

  /** A person approves, optionally with an edited plan. */
  approve(id: string, editedPlan?: PlanStep[]) {
    const stored = this.proposals.get(id)!;
    const plan = editedPlan ?? stored.envelope.plan;
    Object.assign(stored.proposal, {
      status: "approved",
      approved_plan: plan,
      approved_digest: editedPlan ? sha256(JSON.stringify(plan)) : stored.proposal.digest,
      approval_token: "token." + id + ".sig",
      decision: { outcome: "approved", decided_by: { id: "u1", email: "ann@example.com", name: "Ann" }, decided_at: new Date().toISOString(), reason: null, with_edits: !!editedPlan },
    });
  }

  reject(id: string, reason: string) {
    const stored = this.proposals.get(id)!;
    Object.assign(stored.proposal, {
      status: "rejected",
      decision: { outcome: "rejected", decided_by: { id: "u1", email: "ann@example.com", name: "Ann" }, decided_at: new Date().toISOString(), reason, with_edits: false },
    });
  }

  setStatus(id: string, status: Proposal["status"]) {
    this.proposals.get(id)!.proposal.status = status;
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

function sha256(text: string) {
  return createHash("sha256").update(text).digest("hex");
}

export const paymentEnvelope = (args: Record<string, unknown> = { payment_id: "pay_1", amount: "100.00" }): Envelope => ({
  queue: "accounts-payable",
  intent: "release_payment",
  title: "Release payment",
  actor: { type: "user", id: "u_1" },
  scopes: ["ap:commit"],
  plan: [{ title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args }],
});
