// Long-poll against the production build: an agent waits on
// GET /api/v1/proposals/{id}?wait=30 while a person approves in Chromium;
// the waiting request answers with the approval, and the time from the
// decision to the answer is measured and printed. Also over real HTTP: a bad
// `wait` is a 400, the 51st concurrent wait of one agent a 429, and clients
// that hang up free their slots (Next.js aborts request.signal); a key revoked
// while its request waits gets 401 at the end of the wait, not the proposal.
import { expect, test } from "@playwright/test";
import { cli, createAgentKey } from "./cli";
import { signIn } from "./helpers";

const envelope = (title: string) => ({
  queue: "accounts-payable",
  intent: "pay_vendor_bill",
  title,
  actor: { type: "user", id: "u_123", email: "ops@company.com", name: "Ops Person" },
  scopes: ["ap:read", "ap:commit"],
  risk: "medium",
  plan: [{ title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_lp" } }],
});

test("a person's approval in the browser answers the agent's waiting long-poll", async ({ page, request, baseURL }) => {
  test.setTimeout(180_000);
  const name = `e2e-longpoll-${Date.now().toString(36)}`;
  const auth = { authorization: `Bearer ${createAgentKey(name, "admin@countersign.dev", "ap:read,ap:commit")}` };
  const created = await request.post("/api/v1/proposals", { headers: auth, data: envelope(`Long-poll payment ${name}`) });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  expect((await request.get(`/api/v1/proposals/${id}?wait=0`, { headers: auth })).status()).toBe(400);
  const bad = await request.get(`/api/v1/proposals/${id}?wait=31`, { headers: auth });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatchObject({ code: "invalid_query", issues: [{ path: "wait" }] });

  await signIn(page, "dana@countersign.dev");
  await page.goto(`/proposals/${id}`);
  await expect(page.getByRole("button", { name: "Approve", exact: true })).toBeVisible();

  // The agent waits (a plain fetch, so nothing but the server decides when it returns).
  const waitStarted = Date.now();
  let answeredAt = 0;
  const waiting = fetch(`${baseURL}/api/v1/proposals/${id}?wait=30`, { headers: auth }).then(async (response) => {
    answeredAt = Date.now();
    return { status: response.status, body: await response.json() };
  });
  await new Promise((r) => setTimeout(r, 1_000));
  expect(answeredAt).toBe(0);

  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByText("Approved. The agent can now proceed.")).toBeVisible();
  const confirmedAt = Date.now();
  const got = await waiting;
  expect(got.status).toBe(200);
  expect(got.body).toMatchObject({ id, status: "approved", decision: { outcome: "approved", decided_by: { email: "dana@countersign.dev" } }, approval_token: expect.any(String) });
  // Answered by the decision, not by the 30 s timeout.
  expect(answeredAt - waitStarted).toBeLessThan(29_000);
  const decidedAt = Date.parse(got.body.decision.decided_at);
  console.info(
    `long-poll latency: ${answeredAt - decidedAt} ms from the decision's timestamp (written inside the deciding transaction) to the agent's answer; ` +
      `answered ${confirmedAt - answeredAt} ms before the browser showed the confirmation`,
  );
});

test("waits per agent are bounded over HTTP, and hung-up clients free their slots", async ({ request, baseURL }) => {
  test.setTimeout(180_000);
  const name = `e2e-longpoll-cap-${Date.now().toString(36)}`;
  const auth = { authorization: `Bearer ${createAgentKey(name, "admin@countersign.dev", "ap:read,ap:commit")}` };
  const { id } = await (await request.post("/api/v1/proposals", { headers: auth, data: envelope(`Long-poll cap ${name}`) })).json();

  const controllers = Array.from({ length: 50 }, () => new AbortController());
  const held = controllers.map((c) => fetch(`${baseURL}/api/v1/proposals/${id}?wait=30`, { headers: auth, signal: c.signal }).catch(() => null));
  // Until all 50 are held by the server, the 51st may still get in; then it must be refused.
  await expect
    .poll(async () => (await fetch(`${baseURL}/api/v1/proposals/${id}?wait=1`, { headers: auth })).status, { timeout: 60_000, intervals: [500] })
    .toBe(429);
  const refused = await fetch(`${baseURL}/api/v1/proposals/${id}?wait=1`, { headers: auth });
  expect(refused.status).toBe(429);
  expect(refused.headers.get("retry-after")).toBe("1");
  expect((await refused.json()).error.code).toBe("rate_limited");

  for (const c of controllers) c.abort();
  await Promise.all(held);
  // Slots come back when the clients hang up, long before their 30 s would end.
  const abortedAt = Date.now();
  await expect
    .poll(async () => (await fetch(`${baseURL}/api/v1/proposals/${id}?wait=1`, { headers: auth })).status, { timeout: 20_000, intervals: [250] })
    .toBe(200);
  console.info(`slots freed ${Date.now() - abortedAt} ms after 50 clients hung up`);
});

test("an agent revoked while its long-poll waits is answered 401, not with its proposal", async ({ request, baseURL }) => {
  test.setTimeout(60_000);
  const name = `e2e-longpoll-revoked-${Date.now().toString(36)}`;
  const auth = { authorization: `Bearer ${createAgentKey(name, "admin@countersign.dev", "ap:read,ap:commit")}` };
  const { id } = await (await request.post("/api/v1/proposals", { headers: auth, data: envelope(`Long-poll revoked ${name}`) })).json();
  const waiting = fetch(`${baseURL}/api/v1/proposals/${id}?wait=8`, { headers: auth });
  await new Promise((r) => setTimeout(r, 500)); // let the request in: it was authenticated with a valid key
  cli("agent:revoke", "--name", name);
  const answered = await waiting;
  expect(answered.status).toBe(401);
  expect((await answered.json()).error.code).toBe("unauthenticated");
});
