// Issue 9.7 in Chromium against the production build: an approver rewrites a
// commit step's arguments (the amount of the payment) and approves. That must
// not be final on their word alone: the page and the queue say "edited by …,
// needs a second approver", the editor's second click counts for nothing, the
// agent sees 1 of 2 approvals and no token, and a second approver decides it.
import { expect as baseExpect, test } from "@playwright/test";

// The shared machine is slow under load: generous waits, no wall-clock assertions.
const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 240_000 });
import { createAgentKey } from "../cli";
import { newSignedInPage } from "../helpers";

test("an edit of a commit step's amount needs a second approver", async ({ browser, request }) => {
  const suffix = Date.now().toString(36);
  const agentKey = createAgentKey(`e2e-edit2-${suffix}`, "admin@countersign.dev", "ap:read,ap:write:draft,ap:commit");
  const agent = { authorization: `Bearer ${agentKey}` };
  const title = `E2E commit edit ${suffix}`;
  const created = await request.post("/api/v1/proposals", {
    headers: agent,
    data: {
      queue: "accounts-payable",
      intent: "pay_vendor_bill",
      title,
      actor: { type: "user", id: "u_123", email: "ops@company.com", name: "Ops" },
      scopes: ["ap:read", "ap:write:draft", "ap:commit"],
      risk: "high",
      plan: [
        { title: "Create draft payment", tool: "ap.create_draft_payment", scope: "ap:write:draft", args: { bill_id: "bill_1", amount: "120.00" } },
        { title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: `pay_${suffix}`, amount: "120.00" } },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  const dana = await newSignedInPage(browser, "dana@countersign.dev");
  await dana.goto(`/proposals/${id}`);
  await dana.getByRole("button", { name: "Edit before approve" }).click();
  const args = dana.getByLabel("Arguments for step 2 (JSON)");
  await args.fill(JSON.stringify({ payment_id: `pay_${suffix}`, amount: "98000.00" }, null, 2));
  await dana.getByRole("button", { name: "Approve with edits" }).click();
  await expect(dana.getByText(/needs a second approver: someone other than you must approve/)).toBeVisible();
  await expect(dana.getByText("edited by Dana Ops, needs a second approver")).toBeVisible();
  await dana.screenshot({ path: "test-results/edit-needs-second-approver.png", fullPage: true });

  // The agent is still waiting: one of two approvals, no token to act on.
  const waiting = await (await request.get(`/api/v1/proposals/${id}`, { headers: agent })).json();
  expect(waiting).toMatchObject({ status: "pending", approvals: { count: 1, required: 2 } });
  expect(waiting).not.toHaveProperty("approval_token");

  // The editor's second click counts for nothing.
  await dana.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(dana.getByText(/You already approved this/)).toBeVisible();

  // The queue row says it too.
  await dana.goto(`/queue?queue=accounts-payable&q=${encodeURIComponent(title)}`);
  const row = dana.locator("tbody tr").filter({ hasText: title });
  await expect(row.getByText("edited by Dana Ops, needs a second approver")).toBeVisible();

  const sam = await newSignedInPage(browser, "sam@countersign.dev");
  await sam.goto(`/proposals/${id}`);
  await expect(sam.getByText("edited by Dana Ops, needs a second approver")).toBeVisible();
  await sam.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(sam.getByText(/Approved\. The agent can now proceed\./)).toBeVisible();
  await sam.reload();
  await expect(sam.getByText("edited by Dana Ops, needs a second approver")).toHaveCount(0);

  const approved = await (await request.get(`/api/v1/proposals/${id}`, { headers: agent })).json();
  expect(approved).toMatchObject({ status: "approved", approvals: { count: 2, required: 2 } });
  expect(approved.approval_token).toEqual(expect.any(String));
  await sam.context().close();
  await dana.context().close();
});
