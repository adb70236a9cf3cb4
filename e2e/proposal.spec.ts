// The proposal page: review the plan and diffs, edit a step's arguments, approve
// the edited plan, and see both versions with their digests.
import { expect, test } from "@playwright/test";
import { decidableTitles, signIn, waitForQueue } from "./helpers";

test("an approver edits a step's arguments, approves, and sees both versions", async ({ page }) => {
  await signIn(page, "sam@countersign.dev");
  await page.goto("/queue?queue=accounts-payable");
  await waitForQueue(page);
  const title = (await decidableTitles(page, "sam@countersign.dev"))[0]!;
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText("Plan", { exact: true }).first()).toBeVisible();
  await page.screenshot({ path: "test-results/proposal.png", fullPage: true });

  await page.getByRole("button", { name: "Edit before approve" }).click();
  const args = page.getByLabel("Arguments for step 1 (JSON)");
  const edited = { ...JSON.parse(await args.inputValue()), reviewed_by: "e2e" };
  await args.fill("{ not json");
  await expect(page.getByRole("button", { name: "Approve with edits" })).toBeDisabled();
  await args.fill(JSON.stringify(edited, null, 2));
  await page.getByLabel("Note (optional)").fill("Marked as reviewed");
  await page.getByRole("button", { name: "Approve with edits" }).click();

  await expect(page.getByText(/Plan in force · version 2/)).toBeVisible();
  await expect(page.getByText("Plan as proposed · version 1")).toBeVisible();
  await expect(page.getByText(/approved with edits/i).first()).toBeVisible();
  await expect(page.getByText("reviewed_by").first()).toBeVisible();
  await page.screenshot({ path: "test-results/proposal-edited.png", fullPage: true });
});

test("an unknown proposal id is a clear not-found page", async ({ page }) => {
  await signIn(page, "vic@countersign.dev");
  const response = await page.goto("/proposals/00000000-0000-0000-0000-000000000000");
  expect(response?.status()).toBe(404);
  await expect(page.getByText(/not found|no proposal/i).first()).toBeVisible();
});
