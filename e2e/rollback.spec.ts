// Rollback against the production build: an executed proposal with a rollback
// plan offers "Roll back" to an approver; it makes a linked proposal
// rollback:<intent> (pending, decided like any other), both pages link to
// each other and the agent sees the link; a proposal without a rollback plan
// says "irreversible".
import { expect, test } from "@playwright/test";
import { createAgentKey } from "./cli";
import { signIn } from "./helpers";

function envelope(title: string, withRollback: boolean) {
  return {
    queue: "accounts-payable",
    intent: "pay_vendor_bill",
    title,
    actor: { type: "user", id: "u_rb", email: "ops@company.com", name: "Ops" },
    scopes: ["ap:read", "ap:commit"],
    risk: "medium",
    plan: [{ title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_rb" } }],
    ...(withRollback ? { rollback: [{ title: "Reverse the payment", tool: "ap.reverse_payment", scope: "ap:commit", args: { payment_id: "pay_rb" } }] } : {}),
  };
}

test("Roll back makes a linked proposal decided like any other; without a rollback plan a proposal is irreversible", async ({ page, request }) => {
  test.setTimeout(180_000);
  const name = `e2e-rollback-${Date.now().toString(36)}`;
  const auth = { authorization: `Bearer ${createAgentKey(name, "admin@countersign.dev", "ap:read,ap:commit")}` };
  const title = `Reversible payment ${name}`;
  const created = await request.post("/api/v1/proposals", { headers: auth, data: envelope(title, true) });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  await signIn(page, "dana@countersign.dev");
  await page.goto(`/proposals/${id}`);
  await expect(page.getByRole("list", { name: "Rollback plan" })).toContainText("Reverse the payment");
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByText(/Approved\. The agent can now proceed/)).toBeVisible();
  const approved = await (await request.get(`/api/v1/proposals/${id}`, { headers: auth })).json();
  const reported = await request.post(`/api/v1/proposals/${id}/executions`, { headers: auth, data: { outcome: "executed", digest: approved.approved_digest } });
  expect(reported.status()).toBe(201);

  await page.goto(`/proposals/${id}`);
  await page.getByRole("button", { name: "Roll back" }).click();
  await expect(page).toHaveURL(/\/proposals\/(?!.*\/)/);
  await expect(page.getByRole("heading", { name: `Roll back: ${title}` })).toBeVisible();
  await expect(page.getByText("This proposal rolls back")).toBeVisible();
  await page.screenshot({ path: "test-results/docs/rollback-proposal.png" }); // docs/rollback.md
  const rollbackId = page.url().split("/").at(-1)!;
  expect(rollbackId).not.toBe(id);

  const rollbackView = await (await request.get(`/api/v1/proposals/${rollbackId}`, { headers: auth })).json();
  expect(rollbackView).toMatchObject({ status: "pending", rollback_of: id });
  expect(await (await request.get(`/api/v1/proposals/${id}`, { headers: auth })).json()).toMatchObject({ rolled_back_by: rollbackId, reversible: true });

  await page.getByRole("link", { name: title }).click();
  await expect(page.getByText("Rollback requested:")).toBeVisible();
  await expect(page.getByRole("button", { name: "Roll back" })).toHaveCount(0);

  const irreversible = await request.post("/api/v1/proposals", { headers: auth, data: envelope(`Irreversible payment ${name}`, false) });
  await page.goto(`/proposals/${(await irreversible.json()).id}`);
  await expect(page.getByText(/^Irreversible: the agent sent no rollback plan/)).toBeVisible();
});
