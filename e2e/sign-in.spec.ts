// Password sign-in paths a user can hit: wrong password, the failed-attempt
// throttle, sign-out, and losing access when an admin disables the account.
// Each test uses its own user (created through the CLI) so the throttle and the
// disabling never touch the demo users other specs sign in as.
import { expect, test, type Page } from "@playwright/test";
import { cli } from "./cli";
import { rowTitles, waitForQueue } from "./helpers";

const PASSWORD = "right-password-123";

function newUser(prefix: string, role = "approver"): string {
  const email = `${prefix}-${Date.now()}@countersign.test`;
  cli("user:create", "--email", email, "--name", `${prefix} user`, "--role", role, "--password", PASSWORD);
  return email;
}

/** Submits the login form and waits for next-auth's answer, so attempts are counted one at a time. */
async function submitLogin(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
}

test("a wrong password is refused with a readable message", async ({ page }) => {
  const email = newUser("wrong-password");
  await page.goto("/login");
  await submitLogin(page, email, "not-the-password");
  await expect(page.locator("main").getByRole("alert")).toHaveText("Wrong email or password, or the account is disabled.");
  await expect(page).toHaveURL(/\/login/);
});

test("after five failures even the right password is refused, with the throttle message", async ({ page }) => {
  const email = newUser("throttled");
  await page.goto("/login");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await submitLogin(page, email, `wrong-password-${attempt}`);
    await expect(page.locator("main").getByRole("alert")).toHaveText(/^Wrong email or password/);
  }
  await submitLogin(page, email, PASSWORD);
  await expect(page.locator("main").getByRole("alert")).toHaveText(/^Too many failed sign-ins for this email/);
  await page.goto("/queue");
  await expect(page).toHaveURL(/\/login/); // and no session was issued
});

test("signing out returns to /login, and /queue then asks to sign in again", async ({ page }) => {
  const email = newUser("sign-out");
  await page.goto("/login");
  await submitLogin(page, email, PASSWORD);
  await page.waitForURL(/\/queue/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  await page.goto("/queue");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("a disabled user loses access on the next request despite a valid session cookie", async ({ page }) => {
  const email = newUser("disabled");
  await page.goto("/login");
  await submitLogin(page, email, PASSWORD);
  await page.waitForURL(/\/queue/);
  await waitForQueue(page);
  const title = (await rowTitles(page))[0]!;

  expect(cli("user:disable", "--email", email)).toContain("Disabled user");

  // The page loaded before disabling still shows; the decision it sends is refused.
  await page.getByRole("checkbox", { name: `Select ${title}` }).check();
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "your account is disabled" })).toBeVisible();

  await page.goto("/queue");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});
