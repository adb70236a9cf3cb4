// Property tests through the real route handlers on a real database: every
// body an agent can send to a JSON endpoint gets a 4xx with a readable
// message or a success, never a 5xx, and a refused body changes nothing.
// Fixed seed (FUZZ_SEED); on failure fast-check prints the seed and path to replay.
import "@/test-support/high-rate-limit";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as intake } from "@/app/api/v1/proposals/route";
import { POST as reportExecution } from "@/app/api/v1/proposals/[id]/executions/route";
import { PUT as registerWebhook } from "@/app/api/v1/webhook/route";
import { POST as verifyToken } from "@/app/api/v1/approval-tokens/verify/route";
import { db } from "@/lib/db/client";
import { issueApprovalToken } from "@/lib/approvals/issue-approval-token";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { createTestTool } from "@/test-support/tools";
import { postProposal } from "@/test-support/agent-api";
import { describeBody, FUZZ_SEED, hostileBody, type HostileBody } from "@/test-support/hostile-json";

// 10,000 on SQLite; PostgreSQL answers each request several times slower on a
// shared machine, so it replays the first 2,000 of the same sequence there.
const INTAKE_RUNS = process.env.DATABASE_URL?.startsWith("postgres") ? 2_000 : 10_000;
// The token check reads one tool key, so it is cheap enough for the full count;
// the executions and webhook bodies also get 10,000 runs each through their
// readers in lib/http/small-bodies.property.test.ts.
const VERIFY_RUNS = 10_000;
const OTHER_RUNS = 1_000;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function send(
  handler: Handler,
  method: string,
  url: string,
  apiKey: string | null,
  body: HostileBody,
  params: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const request = new Request(url, {
    method,
    headers: { "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...headers },
    body: body as BodyInit,
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as { error?: { code: string; message: string; issues?: { path: string; message: string }[] } } };
}

/** Runs `runs` hostile bodies against one endpoint; returns how many were answered 2xx. */
async function fuzz(name: string, base: unknown, runs: number, call: (body: HostileBody, n: number) => ReturnType<typeof send>) {
  let successes = 0;
  await fc.assert(
    fc.asyncProperty(hostileBody(base), fc.nat(9), async (body, n) => {
      const res = await call(body, n);
      const what = `${name} answered ${res.status} ${JSON.stringify(res.body)} to ${describeBody(body)}`;
      expect(res.status, what).toBeLessThan(500);
      if (res.status >= 400) {
        expect(res.body.error?.code, what).toMatch(/^[a-z_]+$/);
        expect(res.body.error?.message.length, what).toBeGreaterThan(10);
        if (res.status === 400) expect(res.body.error?.issues?.[0]?.path, what).toBeTruthy();
      } else if (res.status === 201 || name !== "intake") successes++;
    }),
    { seed: FUZZ_SEED, numRuns: runs },
  );
  return successes;
}

describe("hostile bodies never get a 5xx", () => {
  let world: Awaited<ReturnType<typeof createTestWorld>>;
  beforeAll(async () => {
    world = await createTestWorld(["ap:read", "ap:write:draft", "ap:commit"]);
  });

  it("the bodies that answered 500 before: a lone surrogate, 5,000-deep JSON, a huge number, NUL, a huge array: 400 naming the place, nothing stored", async () => {
    const valid = JSON.stringify(sampleEnvelope(world.queue.slug));
    const cases: [string, string, string, RegExp][] = [
      ["lone surrogate in a plan field", valid.replace('"INV-2291"}', '"INV\\ud800"}'), "plan[0].args.invoice", /lone surrogate/],
      ["5,000-deep JSON", valid.replace('"c_abc"', "[".repeat(5000) + "]".repeat(5000)), "(body)", /deeper than 64/],
      ["5,000-deep body", "[".repeat(5000) + "]".repeat(5000), "(body)", /deeper than 64/],
      ["a number past float range", valid.replace('"amount":"12480.00","currency"', '"amount":1e400,"currency"'), "inputs.amount", /too large/],
      ["NUL in a value", valid.replace('"v_456"', '"v\\u0000456"'), "inputs.vendor_id", /NUL/],
      ["an array of 400,000 items", valid.replace('"v_456"', `[${"0,".repeat(400_000)}0]`), "inputs.vendor_id", /at most 10000/],
    ];
    const before = await db.proposal.count({ where: { agentId: world.agent.id } });
    for (const [what, body, path, message] of cases) {
      const res = await send(intake as Handler, "POST", "http://countersign.test/api/v1/proposals", world.apiKey, body);
      expect(res.status, what).toBe(400);
      expect(res.body.error?.code, what).toBe("invalid_envelope");
      expect(res.body.error?.issues?.[0], what).toMatchObject({ path, message: expect.stringMatching(message) });
    }
    expect(await db.proposal.count({ where: { agentId: world.agent.id } })).toBe(before);
  });

  it(`POST /api/v1/proposals: ${INTAKE_RUNS} bodies, and only the accepted ones are stored`, async () => {
    const base = JSON.parse(JSON.stringify(sampleEnvelope(world.queue.slug)));
    const before = await db.proposal.count({ where: { agentId: world.agent.id } });
    const receiptsBefore = await db.receipt.count();
    // Nine in ten carry one Idempotency-Key: an accepted body then stops at the
    // replay check (422, or 200 for the same body) instead of writing, which
    // keeps the run short; the tenth goes all the way to the database.
    const created = await fuzz("intake", base, INTAKE_RUNS, (body, n) =>
      send(intake as Handler, "POST", "http://countersign.test/api/v1/proposals", world.apiKey, body, {}, n > 0 ? { "idempotency-key": "fuzz-1" } : {}),
    );
    const after = await db.proposal.count({ where: { agentId: world.agent.id } });
    expect(after - before).toBe(created);
    expect(await db.receipt.count()).toBe(receiptsBefore + created);
  }, 600_000);

  it(`POST /api/v1/proposals/{id}/executions: ${OTHER_RUNS} bodies`, async () => {
    const read = await createTestWorld(["ap:read"]);
    const posted = await postProposal(
      read.apiKey,
      sampleEnvelope(read.queue.slug, { scopes: ["ap:read"], plan: [{ title: "Read", tool: "ap.read", scope: "ap:read", args: {} }] }),
    );
    expect(posted.body.status).toBe("approved");
    const id = posted.body.id as string;
    const base = { outcome: "executed", digest: posted.body.digest, result: { payment_id: "pay_1", lines: ["a", "b"] } };
    const successes = await fuzz("executions", base, OTHER_RUNS, (body) =>
      send(reportExecution as Handler, "POST", `http://countersign.test/api/v1/proposals/${id}/executions`, read.apiKey, body, { id }),
    );
    // Recorded once at most, whatever came in.
    expect(successes).toBeLessThanOrEqual(1);
    expect(await db.execution.count({ where: { proposalId: id } })).toBe(successes);
  }, 600_000);

  it(`PUT /api/v1/webhook: ${OTHER_RUNS} bodies`, async () => {
    await fuzz("webhook", { url: "https://agent.example/hooks/countersign" }, OTHER_RUNS, (body) =>
      send(registerWebhook as Handler, "PUT", "http://countersign.test/api/v1/webhook", world.apiKey, body),
    );
  }, 600_000);

  it(`POST /api/v1/approval-tokens/verify: ${VERIFY_RUNS} bodies`, async () => {
    const read = await createTestWorld(["ap:read"]);
    const posted = await postProposal(
      read.apiKey,
      sampleEnvelope(read.queue.slug, { scopes: ["ap:read"], plan: [{ title: "Read", tool: "ap.read", scope: "ap:read", args: {} }] }),
    );
    const issued = await issueApprovalToken(read.agent.id, posted.body.id);
    expect(issued).not.toBeNull();
    // Only a registered tool may redeem (lib/tools): with its key the hostile bodies reach the body reader.
    const tool = await createTestTool();
    const base = { token: (issued as { token: string }).token, digest: posted.body.digest };
    await fuzz("verify", base, VERIFY_RUNS, (body) =>
      send(verifyToken as Handler, "POST", "http://countersign.test/api/v1/approval-tokens/verify", tool.key, body),
    );
  }, 600_000);
});
