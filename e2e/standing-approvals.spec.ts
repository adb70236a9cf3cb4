// Standing approvals against the production build: an admin grants one on
// /admin/policies through the form, an agent's matching proposal is approved
// at intake and shows on the queue's Approved tab with the standing approval
// named; the admin revokes it and the next proposal waits for a person.
import { expect, test } from "@playwright/test";
import { createAgentKey } from "./cli";
import { signIn } from "./helpers";

function payment(title: string, amount: number) {
  return {
    queue: "accounts-payable",
    intent: "pay_vendor_bill",
    title,
    actor: { type: "user", id: "u_sa", email: "ops@company.com", name: "Ops Person" },
    scopes: ["ap:read", "ap:commit"],
    risk: "medium",
    plan: [
      { title: "Look up the bill", tool: "ap.read_bill", scope: "ap:read", args: { bill: "b_1" } },
      { title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_sa", currency: "EUR", amount } },
    ],
  };
}

test("an admin grants a standing approval; a matching proposal is approved by it and named; after revoking, the next one waits", async ({ page, request }) => {
  test.setTimeout(180_000);
  const name = `e2e-standing-${Date.now().toString(36)}`;
  const auth = { authorization: `Bearer ${createAgentKey(name, "admin@countersign.dev", "ap:read,ap:commit")}` };
  const reason = `Small EUR payments by ${name}`;

  await signIn(page, "admin@countersign.dev");
  await page.goto("/admin/policies");
  await page.getByRole("button", { name: "Grant a standing approval…" }).click();
  const form = page.getByRole("form", { name: "Grant a standing approval" });
  await form.getByLabel("Agent").selectOption({ label: name });
  await form.getByLabel("Queue").selectOption("accounts-payable");
  await form.getByLabel("Tool").fill("ap.release_payment");
  await form.getByRole("button", { name: "Add a constraint" }).click();
  await form.getByLabel("Argument 1").fill("currency");
  await form.getByLabel("Value 1").fill("EUR");
  await form.getByRole("button", { name: "Add a constraint" }).click();
  await form.getByLabel("Argument 2").fill("amount");
  await form.getByLabel("Condition 2").selectOption("at_most");
  await form.getByLabel("Value 2").fill("500");
  await form.getByLabel("At most (uses)").fill("10");
  await form.getByLabel("Reason").fill(reason);
  await form.getByRole("button", { name: "Grant standing approval" }).click();
  await expect(form.getByText("Granted.")).toBeVisible();

  const item = page.getByRole("listitem", { name: `standing approval for ${name} on accounts-payable` });
  await expect(item).toBeVisible();
  await expect(item.getByTestId("use-count")).toHaveText("Used 0 times");
  await item.getByText("Cedar policy").click();
  await expect(item.locator("pre")).toContainText('context.tool == "ap.release_payment"');
  await expect(item.locator("pre")).toContainText('context.numbers["amount"].lessThanOrEqual(decimal("500.0"))');
  await item.screenshot({ path: "test-results/docs/standing-approval.png" }); // docs/standing-approvals.md

  // The agent's proposal is approved at intake by the standing approval.
  const approvedTitle = `Standing payment ${name}`;
  const created = await request.post("/api/v1/proposals", { headers: auth, data: payment(approvedTitle, 120) });
  expect(created.status()).toBe(201);
  expect((await created.json()).status).toBe("approved");
  // Over the constraint: a person decides.
  const over = await request.post("/api/v1/proposals", { headers: auth, data: payment(`Too large ${name}`, 900) });
  expect((await over.json()).status).toBe("pending");

  await page.goto("/queue?status=approved");
  const row = page.getByRole("row").filter({ hasText: approvedTitle });
  await expect(row).toBeVisible();
  await expect(row).toContainText(`By standing approval: ${reason}`);
  await row.screenshot({ path: "test-results/docs/standing-approval-row.png" }); // docs/standing-approvals.md
  await row.getByRole("link", { name: approvedTitle }).click();
  await expect(page.getByText("approved by standing approval").first()).toBeVisible();

  // Revoke: at once, with a reason; the next matching proposal goes to a person.
  await page.goto("/admin/policies");
  await expect(item.getByTestId("use-count")).toHaveText("Used 1 time");
  await item.getByRole("button", { name: `Revoke standing approval for ${name} on accounts-payable` }).click();
  await item.getByLabel(/Reason for revoking/).fill("end of the pilot");
  await item.getByRole("button", { name: "Revoke now" }).click();
  await expect(item.getByText("revoked", { exact: true })).toBeVisible();
  const after = await request.post("/api/v1/proposals", { headers: auth, data: payment(`After revoke ${name}`, 120) });
  expect(after.status()).toBe(201);
  expect((await after.json()).status).toBe("pending");
});

test("the grant form opens pre-filled from a link", async ({ page }) => {
  await signIn(page, "admin@countersign.dev");
  await page.goto("/admin/policies?grant=1&queue=accounts-payable&tool=ap.release_payment&equals.currency=EUR&max_count=3&reason=Suggested#standing-approvals");
  const form = page.getByRole("form", { name: "Grant a standing approval" });
  await expect(form.getByLabel("Queue")).toHaveValue("accounts-payable");
  await expect(form.getByLabel("Tool")).toHaveValue("ap.release_payment");
  await expect(form.getByLabel("Argument 1")).toHaveValue("currency");
  await expect(form.getByLabel("Value 1")).toHaveValue("EUR");
  await expect(form.getByLabel("At most (uses)")).toHaveValue("3");
  await expect(form.getByLabel("Reason")).toHaveValue("Suggested");
});
