// The admin's view of the Cedar policies in force: grouped by the question
// they answer, each with its effect, quorum, source line and text; everyone
// else gets a 404.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("an admin reads the active policies, grouped by action, with how to change them", async ({ page }) => {
  await signIn(page, "admin@countersign.dev");
  await page.goto("/admin/users");
  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Policies" }).click();
  await expect(page).toHaveURL(/\/admin\/policies$/);
  await expect(page.getByRole("heading", { level: 1, name: "Policies" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "To change them" })).toBeVisible();
  await expect(page.getByText("npm run cli -- policies:check")).toBeVisible();

  for (const section of ["Proposing", "Approved by policy at intake", "Deciding", "Quorum"]) {
    await expect(page.getByRole("region", { name: new RegExp(`^${section}`) })).toBeVisible();
  }
  const quorum = page.getByRole("region", { name: /^Quorum/ });
  const critical = quorum.getByRole("article", { name: "quorum-critical" });
  await expect(critical.getByText("needs 2 approvals")).toBeVisible();
  await expect(critical.getByText("permit", { exact: true })).toBeVisible();
  await expect(critical.getByText(/^lib\/policy\/cedar\/default\.cedar:\d+$/)).toBeVisible();
  await expect(critical.locator("pre code")).toContainText('resource.risk == "critical"');

  const deciding = page.getByRole("region", { name: /^Deciding/ });
  const sponsor = deciding.getByRole("article", { name: "separation-of-duties-sponsor" });
  await expect(sponsor.getByText("forbid", { exact: true })).toBeVisible();
  await expect(sponsor.getByText(/^Message: Separation of duties/)).toBeVisible();
});

test("a non-admin gets a 404 on the policies page", async ({ page }) => {
  await signIn(page, "dana@countersign.dev");
  const response = await page.goto("/admin/policies");
  expect(response?.status()).toBe(404);
});
