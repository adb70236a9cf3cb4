// The agent's side of the contract over real HTTP against the production build.
import { expect, test } from "@playwright/test";
import { cli, createAgentKey } from "./cli";

const envelope = (title: string) => ({
  queue: "accounts-payable",
  intent: "pay_vendor_bill",
  title,
  actor: { type: "user", id: "u_123", email: "ops@company.com", name: "Dana Ops" },
  agent: { model: "gpt-4.1", version: "2026-10-01", run_id: "run_e2e" },
  scopes: ["ap:read", "ap:commit"],
  risk: "high",
  plan: [
    { title: "Match invoice", tool: "ap.match_invoice", scope: "ap:read", args: { invoice: "INV-1" } },
    { title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_1" } },
  ],
});

test("an agent proposes, replays, reads its proposal, and is refused outside the rules", async ({ request }) => {
  const suffix = Date.now().toString(36);
  const key = createAgentKey(`e2e-ap-${suffix}`, "admin@countersign.dev", "ap:read,ap:commit");
  const other = createAgentKey(`e2e-other-${suffix}`, "admin@countersign.dev", "ap:read");
  const auth = { authorization: `Bearer ${key}` };

  const created = await request.post("/api/v1/proposals", { headers: { ...auth, "idempotency-key": "e2e-1" }, data: envelope("E2E payment") });
  expect(created.status()).toBe(201);
  const body = await created.json();
  expect(body).toMatchObject({ status: "pending", tier: "commit", digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(body.url).toMatch(new RegExp(`/proposals/${body.id}$`));

  const replay = await request.post("/api/v1/proposals", { headers: { ...auth, "idempotency-key": "e2e-1" }, data: envelope("E2E payment") });
  expect(replay.status()).toBe(200);
  expect(await replay.json()).toEqual(body);
  const reused = await request.post("/api/v1/proposals", { headers: { ...auth, "idempotency-key": "e2e-1" }, data: envelope("Other") });
  expect(reused.status()).toBe(422);

  const got = await request.get(`/api/v1/proposals/${body.id}`, { headers: auth });
  expect(got.status()).toBe(200);
  expect(await got.json()).toMatchObject({ id: body.id, status: "pending", decision: null });
  const stranger = await request.get(`/api/v1/proposals/${body.id}`, { headers: { authorization: `Bearer ${other}` } });
  expect(stranger.status()).toBe(404);

  const refused = await request.post("/api/v1/proposals", { headers: { authorization: `Bearer ${other}` }, data: envelope("Not granted") });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("scope_not_granted");

  const invalid = await request.post("/api/v1/proposals", { headers: auth, data: { ...envelope("x"), status: "approved" } });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error.issues).toEqual([{ path: "status", message: expect.any(String) }]);

  const wrongType = await request.post("/api/v1/proposals", { headers: { ...auth, "content-type": "text/plain" }, data: "hello" });
  expect(wrongType.status()).toBe(415);
  const tooBig = await request.post("/api/v1/proposals", {
    headers: auth,
    data: { ...envelope("big"), inputs: { blob: "x".repeat(1024 * 1024 + 10) } },
  });
  expect(tooBig.status()).toBe(413);

  expect(cli("agent:list")).toContain(`e2e-ap-${suffix}`);
  cli("agent:revoke", "--name", `e2e-ap-${suffix}`);
  const afterRevoke = await request.get(`/api/v1/proposals/${body.id}`, { headers: auth });
  expect(afterRevoke.status()).toBe(401);
  expect((await afterRevoke.json()).error.code).toBe("unauthenticated");
});
