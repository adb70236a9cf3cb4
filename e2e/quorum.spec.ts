// Quorum in the browser: a critical proposal needs two distinct approvers. The
// first approval leaves it pending with "1 of 2 approvals"; the same person
// cannot count twice; a second approver decides it.
import { expect, test } from "@playwright/test";
import { newSignedInPage, waitForQueue } from "./helpers";

test("a critical proposal needs two approvers and shows 1 of 2 until met", async ({ browser }) => {
  const dana = await newSignedInPage(browser, "dana@countersign.dev");
  await dana.goto("/queue?risk=critical&sort=oldest");
  await waitForQueue(dana);
  const row = dana.locator("tbody tr").filter({ hasText: "0 of 2 approvals" }).filter({ hasNotText: "dana@countersign.dev" }).filter({ hasNotText: "sam@countersign.dev" }).first();
  const title = (await row.getByRole("checkbox").getAttribute("aria-label"))!.replace(/^Select /, "");
  await row.getByRole("link", { name: title, exact: true }).click();
  await expect(dana.getByRole("heading", { name: title })).toBeVisible();
  await expect(dana.getByText("0 of 2 approvals")).toBeVisible();

  await dana.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(dana.getByText(/Your approval is recorded: 1 of 2 approvals/)).toBeVisible();
  await expect(dana.getByText("1 of 2 approvals", { exact: true })).toBeVisible();

  // The same person again counts once.
  await dana.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(dana.getByText(/You already approved this/)).toBeVisible();
  const url = dana.url();

  const sam = await newSignedInPage(browser, "sam@countersign.dev");
  await sam.goto(url);
  await expect(sam.getByText("1 of 2 approvals", { exact: true })).toBeVisible();
  await sam.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(sam.getByText(/Approved\. The agent can now proceed\./)).toBeVisible();
  await expect(sam.getByText(/This proposal is/)).toContainText("approved");
  await sam.context().close();
  await dana.context().close();
});
