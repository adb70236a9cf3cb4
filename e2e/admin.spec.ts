// The admin pages: an agent's key is shown once, rotation turns the old key off
// at once, stopping an agent cancels its pending work; non-admins get a 404.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./helpers";
import { createAgentKey } from "./cli";

const envelope = (title: string) => ({
  queue: "accounts-payable",
  intent: "pay_vendor_bill",
  title,
  actor: { type: "user", id: "u_123", email: "ops@company.com", name: "Dana Ops" },
  agent: { model: "gpt-4.1", version: "2026-10-01", run_id: "run_e2e_admin" },
  scopes: ["ap:read", "ap:commit"],
  risk: "high",
  plan: [
    { title: "Match invoice", tool: "ap.match_invoice", scope: "ap:read", args: { invoice: "INV-1" } },
    { title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_1" } },
  ],
});

const propose = (request: APIRequestContext, key: string, title: string) =>
  request.post("/api/v1/proposals", { headers: { authorization: `Bearer ${key}` }, data: envelope(title) });

test("an admin creates an agent and sees its key once, rotates it, and stops the agent", async ({ page, request }) => {
  const name = `e2e-admin-${Date.now().toString(36)}`;
  await signIn(page, "admin@countersign.dev");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Policies" })).toBeVisible();
  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Agents & keys" }).click();
  await expect(page).toHaveURL(/\/admin\/agents$/);
  await expect(page.getByRole("heading", { name: "Create an agent" })).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Sponsor", { exact: true }).selectOption("vic@countersign.dev");
  await page.getByLabel("Scopes", { exact: true }).fill("ap:read, ap:commit");
  await page.getByRole("button", { name: "Create agent" }).click();
  const keyBox = page.getByLabel(`New API key for ${name}`);
  await expect(keyBox).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/shown only this once/)).toBeVisible();
  const firstKey = await keyBox.inputValue();
  expect(firstKey).toMatch(/^cs_/);
  expect((await propose(request, firstKey, "Admin e2e proposal 1")).status()).toBe(201);
  await page.screenshot({ path: test.info().outputPath("admin-agent-created.png"), fullPage: true });

  // Shown once: after leaving the page, only the prefix remains.
  await page.reload();
  const row = page.locator(`tr[data-agent="${name}"]`);
  await expect(row).toContainText(firstKey.slice(0, 11));
  await expect(page.getByText(firstKey)).toHaveCount(0);
  await expect(page.locator(`input[value="${firstKey}"]`)).toHaveCount(0);

  await row.getByRole("button", { name: `Rotate key for ${name}` }).click();
  await row.getByRole("button", { name: `Confirm rotation for ${name}` }).click();
  const rotated = row.getByLabel(`New API key for ${name}`);
  await expect(rotated).toBeVisible();
  const secondKey = await rotated.inputValue();
  expect(secondKey).not.toBe(firstKey);
  expect((await propose(request, firstKey, "Old key after rotation")).status()).toBe(401);
  expect((await propose(request, secondKey, "Admin e2e proposal 2")).status()).toBe(201);
  await row.getByRole("button", { name: "I have stored it" }).click();

  await row.getByRole("button", { name: `Stop agent ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Stop ${name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/Reason/).fill("E2E: agent misbehaving");
  await dialog.getByRole("button", { name: "Stop agent" }).click();
  await expect(row.getByText(/Stopped .*: 1 key\(s\) revoked, 2 pending proposal\(s\) cancelled, 0 approval\(s\) revoked\./)).toBeVisible();
  await expect(row.getByText("stopped", { exact: true })).toBeVisible();
  expect((await propose(request, secondKey, "After stop")).status()).toBe(401);
  await page.screenshot({ path: test.info().outputPath("admin-agent-stopped.png"), fullPage: true });

  // The audit trail has the stop, naming the agent (the filter's option list names it too, hence the table).
  await page.goto(`/receipts?kind=agent_stopped&agent=${name}`);
  await expect(page.getByRole("table").getByText("agent_stopped").first()).toBeVisible();
  await expect(page.getByRole("table").getByText(name).first()).toBeVisible();
});

test("a non-admin sees no Admin link and gets a 404 on /admin", async ({ page }) => {
  await signIn(page, "vic@countersign.dev");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  for (const path of ["/admin", "/admin/users", "/admin/agents"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});

test("an admin revokes an approval the agent has not executed; the agent sees it revoked", async ({ page, request }) => {
  const key = createAgentKey(`e2e-revoke-${Date.now().toString(36)}`, "vic@countersign.dev", "ap:read,ap:commit");
  const created = await propose(request, key, "Payment to revoke");
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  await signIn(page, "admin@countersign.dev");
  await page.goto(`/proposals/${id}`);
  await expect(page.getByRole("button", { name: "Revoke approval" })).toHaveCount(0); // pending: nothing to revoke yet
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await page.getByRole("button", { name: "Revoke approval" }).click();
  await page.getByLabel(/Reason for revoking/).fill("E2E: vendor bank details changed");
  await page.getByRole("button", { name: "Confirm revocation" }).click();
  // The panel's own "Approval revoked." note may be replaced at once by the refreshed page.
  await expect(page.getByText(/This proposal is\s*revoked/)).toBeVisible();

  const seen = await request.get(`/api/v1/proposals/${id}`, { headers: { authorization: `Bearer ${key}` } });
  expect((await seen.json()).status).toBe("revoked");
});
