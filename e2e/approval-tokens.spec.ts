// Approval tokens and execution reports over real HTTP against the production
// build: a person approves in the browser, the agent gets a token, the example
// tool accepts it once, the online check spends it once, the agent reports an
// execution on another digest, and the operators see it flagged.
import { expect, test } from "@playwright/test";
import { createAgentKey, createToolKey } from "./cli";
import { signIn } from "./helpers";

test("approve, release with a token once, report a mismatched execution, see it flagged", async ({ page, request }) => {
  test.setTimeout(180_000); // several CLI calls (each starts tsx) on a loaded machine
  const suffix = Date.now().toString(36);
  const key = createAgentKey(`e2e-exec-${suffix}`, "admin@countersign.dev", "ap:read,ap:commit");
  const auth = { authorization: `Bearer ${key}` };
  const title = `E2E token payment ${suffix}`;
  const created = await request.post("/api/v1/proposals", {
    headers: auth,
    data: {
      queue: "accounts-payable",
      intent: "pay_vendor_bill",
      title,
      actor: { type: "user", id: "u_123", email: "ops@company.com", name: "Ops" },
      scopes: ["ap:read", "ap:commit"],
      risk: "high",
      plan: [{ title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_e2e" } }],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  expect(await (await request.get(`/api/v1/proposals/${id}`, { headers: auth })).json()).not.toHaveProperty("approval_token");

  await signIn(page, "dana@countersign.dev");
  await page.goto(`/proposals/${id}`);
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByText(/Approved\. The agent can now proceed/)).toBeVisible();

  const view = await (await request.get(`/api/v1/proposals/${id}`, { headers: auth })).json();
  expect(view.status).toBe("approved");
  const token = view.approval_token as string;
  const digest = view.approved_digest as string;
  const kid = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()).kid;
  const jwks = await (await request.get("/.well-known/jwks.json")).json();
  expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(kid);

  const tool = (headers: Record<string, string>) => request.post("/api/examples/release-payment", { headers, data: { payment_id: "pay_e2e", digest } });
  const refused = await tool({});
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("approval_required");
  const released = await tool({ "countersign-approval": token });
  expect(released.status()).toBe(200);
  expect(await released.json()).toMatchObject({ released: true, proposal_id: id, approved_by: ["dana@countersign.dev"] });
  const replayed = await tool({ "countersign-approval": token });
  expect(replayed.status()).toBe(403);
  expect((await replayed.json()).error.code).toBe("replayed");

  // Online redemption is for a registered tool, with its own key (e2e/attacks/token-redemption.spec.ts plays the agent trying).
  const toolKey = createToolKey(`e2e-erp-${suffix}`);
  const online = () => request.post("/api/v1/approval-tokens/verify", { headers: { authorization: `Bearer ${toolKey}` }, data: { token, digest } });
  expect((await online()).status()).toBe(200);
  const spent = await online();
  expect(spent.status()).toBe(409);
  expect(await spent.json()).toMatchObject({ valid: false, error: { code: "replayed" } });

  const otherDigest = digest.slice(0, -1) + (digest.endsWith("0") ? "1" : "0");
  const report = () => request.post(`/api/v1/proposals/${id}/executions`, { headers: auth, data: { outcome: "executed", digest: otherDigest, result: { payment: "pay_e2e", amount: "12.00" } } });
  const reported = await report();
  expect(reported.status()).toBe(201);
  expect(await reported.json()).toMatchObject({ status: "executed", digest_matches: false });
  expect((await report()).status()).toBe(409);

  await page.goto(`/proposals/${id}`);
  const execution = page.getByRole("region", { name: "Execution" });
  await expect(execution.getByText("Executed digest differs from approved")).toBeVisible();
  await expect(execution.getByText("pay_e2e")).toBeVisible();
  await page.screenshot({ path: "test-results/proposal-execution.png", fullPage: true });

  await page.goto("/queue?status=all&flag=digest_mismatch");
  const row = page.locator("tbody tr").filter({ hasText: title });
  await expect(row.getByText("Executed digest differs from approved")).toBeVisible();
  await expect(page.getByLabel("Execution")).toHaveValue("digest_mismatch");
  await page.screenshot({ path: "test-results/queue-execution-flag.png" });

  await page.goto("/queue?status=all&flag=not_executed");
  await expect(page.locator("tbody tr").first().getByText("Not executed")).toBeVisible();
});
