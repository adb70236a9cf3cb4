// The policy lab on /admin/policies, in Chromium against the production build:
// an invalid set shows file:line:col inline and the link puts the cursor on
// it; a forbid shows which past approvals it would have refused, with links to
// the proposals; an unchanged set changes nothing and is applied with a
// reason, listed as the version in force. (The applied set equals the shipped
// one, so the other specs sharing this server see the same rules.)
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test.setTimeout(180_000);

test("an admin simulates a policy change on history, sees errors inline, and applies a set", async ({ page }) => {
  await signIn(page, "admin@countersign.dev");
  await page.goto("/admin/policies");
  const lab = page.getByRole("region", { name: "Try a change on history" });
  const editor = lab.getByLabel("Policies");
  const original = await editor.inputValue();
  expect(original).toContain('@id("people-decide")');
  const lineCount = original.split("\n").length;

  // A typo: the problem names the editor's file, line and column, and its button moves the cursor there.
  await editor.fill(`${original}@id("typo")\npermit (principal, action == Action::"approve", resource is Proposal)\nwhen { resource.tierr == "read" };\n`);
  await lab.getByRole("button", { name: "Simulate" }).click();
  const alert = lab.getByRole("alert");
  const where = `policies.cedar:${lineCount + 2}:8`;
  await expect(alert.getByRole("button", { name: where })).toBeVisible({ timeout: 60_000 });
  await expect(alert).toContainText("tierr");
  await alert.getByRole("button", { name: where }).click();
  await expect(editor).toBeFocused();
  const caret = await editor.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionStart + 5));
  expect(caret).toBe("resou");

  // A forbid on approving accounts-payable proposals: the past approvals there would have been refused.
  await editor.fill(`${original}@id("freeze-ap")\nforbid (principal, action == Action::"approve", resource is Proposal)\nwhen { resource.queue.slug == "accounts-payable" };\n`);
  await lab.getByRole("button", { name: "Simulate" }).click();
  await expect(page.getByTestId("simulation-summary")).toContainText("would have gone differently", { timeout: 90_000 });
  const row = lab.getByRole("row").filter({ hasText: "a person's decision no longer allowed" }).filter({ hasText: "accounts-payable" }).first();
  await expect(row).toBeVisible();
  await expect(row).toContainText("freeze-ap");
  const link = row.getByRole("link").first();
  await expect(link).toHaveAttribute("href", /^\/proposals\/[\w-]+$/);
  await expect(lab.getByRole("button", { name: "Apply this set" })).toBeVisible();

  // The set in force, unchanged: nothing changes, and applying it records a version.
  await editor.fill(original);
  await expect(lab.getByRole("button", { name: "Apply this set" })).toHaveCount(0);
  await lab.getByRole("button", { name: "Simulate" }).click();
  await expect(page.getByTestId("simulation-summary")).toContainText("nothing would have changed", { timeout: 90_000 });
  await lab.getByLabel("Reason (goes into the receipt)").fill("e2e: the shipped rules, applied");
  await lab.getByRole("button", { name: "Apply this set" }).click();
  await expect(lab.getByText(/^Applied as version \w+ \(digest [0-9a-f]{12}, was [0-9a-f]{12}\); recorded as a receipt\.$/)).toBeVisible({ timeout: 30_000 });
  const versions = page.getByRole("region", { name: "Applied versions" });
  await expect(versions.getByRole("row").filter({ hasText: "e2e: the shipped rules, applied" })).toContainText("in force");
});
