// Stale targets over real HTTP against the production build: the agent sends
// the version of the record it read, a person approves in the browser, the
// agent finds the record changed and reports stale; the page and the queue
// say "Target changed: not executed".
import { expect, test } from "@playwright/test";
import { createAgentKey } from "./cli";
import { signIn } from "./helpers";

test("a stale execution report shows on the proposal page and under the queue's flag filter", async ({ page, request }) => {
  test.setTimeout(120_000); // a CLI call starts tsx
  const suffix = Date.now().toString(36);
  const key = createAgentKey(`e2e-stale-${suffix}`, "admin@countersign.dev", "ap:read,ap:commit");
  const auth = { authorization: `Bearer ${key}` };
  const title = `E2E stale vendor update ${suffix}`;
  const created = await request.post("/api/v1/proposals", {
    headers: auth,
    data: {
      queue: "accounts-payable",
      intent: "update_vendor",
      title,
      actor: { type: "user", id: "u_123", email: "ops@company.com", name: "Ops" },
      scopes: ["ap:read", "ap:commit"],
      plan: [{ title: "Update the vendor's bank account", tool: "ap.update_vendor", scope: "ap:commit", args: { vendor_id: "v_9" } }],
      changes: [{ target: { type: "vendor", id: "v_9", label: "Acme Corp", version: "etag-41" }, fields: [{ path: "bank.iban", before: "DE01", after: "DE02" }] }],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  await signIn(page, "dana@countersign.dev");
  await page.goto(`/proposals/${id}`);
  await expect(page.getByText("read at version etag-41")).toBeVisible();
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByText(/Approved\. The agent can now proceed/)).toBeVisible();

  const digest = (await (await request.get(`/api/v1/proposals/${id}`, { headers: auth })).json()).approved_digest as string;
  const reported = await request.post(`/api/v1/proposals/${id}/executions`, { headers: auth, data: { outcome: "stale", digest, result: { found_version: "etag-42" } } });
  expect(reported.status()).toBe(201);
  expect(await reported.json()).toMatchObject({ status: "failed", stale: true });

  await page.goto(`/proposals/${id}`);
  const execution = page.getByRole("region", { name: "Execution" });
  await expect(execution.getByText("Target changed: not executed")).toBeVisible();
  await expect(execution.getByRole("alert")).toContainText("the agent found the target changed");
  await execution.screenshot({ path: "test-results/docs/stale-target.png" }); // docs/rollback.md

  await page.goto("/queue?status=all&flag=stale_target");
  const row = page.locator("tbody tr").filter({ hasText: title });
  await expect(row.getByText("Target changed: not executed")).toBeVisible();
  await expect(page.getByLabel("Execution")).toHaveValue("stale_target");
});
