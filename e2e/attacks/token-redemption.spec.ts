// Issue 9.6 against the production build: whoever holds an approval token must
// not be able to spend it. The agent fetches its token and tries to redeem it
// itself (which would spend the approval and block its revocation): refused
// with 403. Without a key: 401. The registered tool redeems it (200) and the
// redemption is a token_redeemed receipt naming the tool and the token id.
// Once the tool is revoked, its key is refused with 401.
import { expect as baseExpect, test } from "@playwright/test";

// The shared machine is slow under load: generous waits, no wall-clock assertions.
const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 240_000 });
import { cli, createAgentKey, createToolKey } from "../cli";
import { signIn } from "../helpers";

test("only a registered tool's key redeems an approval token", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const agentKey = createAgentKey(`e2e-redeem-${suffix}`, "admin@countersign.dev", "ap:read,ap:commit");
  const toolName = `e2e-erp-${suffix}`;
  const toolKey = createToolKey(toolName);
  expect(toolKey).toMatch(/^cst_/);
  expect(agentKey).not.toMatch(/^cst_/);

  const agent = { authorization: `Bearer ${agentKey}` };
  const created = await request.post("/api/v1/proposals", {
    headers: agent,
    data: {
      queue: "accounts-payable",
      intent: "pay_vendor_bill",
      title: `E2E redemption ${suffix}`,
      actor: { type: "user", id: "u_123", email: "ops@company.com", name: "Ops" },
      scopes: ["ap:read", "ap:commit"],
      risk: "high",
      plan: [{ title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: `pay_${suffix}` } }],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  await signIn(page, "dana@countersign.dev");
  await page.goto(`/proposals/${id}`);
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByText(/Approved\. The agent can now proceed/)).toBeVisible();

  const view = await (await request.get(`/api/v1/proposals/${id}`, { headers: agent })).json();
  const token = view.approval_token as string;
  const jti = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).jti as string;
  const redeem = (headers: Record<string, string>) => request.post("/api/v1/approval-tokens/verify", { headers, data: { token } });

  // The attack: the agent spends its own approval.
  const byAgent = await redeem(agent);
  expect(byAgent.status()).toBe(403);
  const refusal = await byAgent.json();
  expect(refusal.error.code).toBe("agent_key_not_allowed");
  expect(refusal.error.message).toMatch(/agent keys cannot redeem approvals; use a tool key/i);

  const anonymous = await redeem({});
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.code).toBe("unauthenticated");

  // The agent's attempts spent nothing: the agent still holds a live approval.
  expect((await (await request.get(`/api/v1/proposals/${id}`, { headers: agent })).json()).approval_token).toEqual(expect.any(String));

  const byTool = await redeem({ authorization: `Bearer ${toolKey}` });
  expect(byTool.status()).toBe(200);
  expect(await byTool.json()).toMatchObject({ valid: true, redeemed_by: toolName, claims: { proposal_id: id, jti } });

  // The redemption is on the record, naming the tool and the token.
  await page.goto(`/receipts?kind=token_redeemed`);
  const row = page.locator("tbody tr").filter({ hasText: toolName }).first();
  await expect(row).toBeVisible();
  await expect(row.getByText("token_redeemed")).toBeVisible();
  await page.screenshot({ path: "test-results/token-redeemed-receipt.png", fullPage: true });
  await row.getByRole("link", { name: /token_redeemed/ }).click();
  await expect(page.getByText(jti).first()).toBeVisible();

  // A revoked tool's key stops working at once.
  expect(cli("tool:revoke", "--name", toolName)).toMatch(/Revoked tool/);
  const revoked = await redeem({ authorization: `Bearer ${toolKey}` });
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error.code).toBe("unauthenticated");
});

test("the admin registers a tool on /admin/tools, sees its key once, and revokes it", async ({ page }) => {
  const name = `e2e-admin-tool-${Date.now().toString(36)}`;
  await signIn(page, "admin@countersign.dev");
  await page.goto("/admin/tools");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Register tool" }).click();
  await expect(page.getByText(`New tool key for ${name}. Copy it now`)).toBeVisible();
  await expect(page.getByLabel(`New tool key for ${name}`)).toHaveValue(/^cst_/);
  await page.getByRole("button", { name: "I have stored it" }).click();
  const row = page.locator(`tr[data-tool="${name}"]`);
  await expect(row.getByText("active")).toBeVisible();
  await row.getByRole("button", { name: `Revoke tool ${name}` }).click();
  await row.getByRole("button", { name: `Yes, revoke ${name}` }).click();
  await expect(row.getByText(/revoked/).first()).toBeVisible();
  await page.screenshot({ path: "test-results/admin-tools.png", fullPage: true });
});
