// Ending sessions, played against the production build: a live session in one
// browser ends on its next request (page load, API route, server action) after
// "sign out everywhere", a password change or a role change made elsewhere; and
// changing a password needs the current one.
import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { cli } from "../cli";
import { waitForQueue } from "../helpers";
import { builtActions, pageUrl } from "../entry-points/action-manifest";
import { callServerAction, signedInContext } from "../entry-points/http";

// The shared test machine is slow under load: generous waits, no wall-clock assertions.
const expect = baseExpect.configure({ timeout: 60_000 });
test.describe.configure({ timeout: 300_000 });

const PASSWORD = "sessions-spec-pass-1";
const NEW_PASSWORD = "sessions-spec-pass-2";

function newUser(label: string, role = "approver"): string {
  const email = `${label}-${Date.now()}@countersign.test`;
  cli("user:create", "--email", email, "--name", `Sessions ${label}`, "--role", role, "--password", PASSWORD);
  return email;
}

async function signedInPage(browser: Browser, email: string, password = PASSWORD): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/queue/);
  await waitForQueue(page);
  return page;
}

/** The other browser's session is over: its next page load asks it to sign in, and the API answers 401. */
async function expectSignedOut(page: Page) {
  await page.goto("/queue");
  await page.waitForURL(/\/login/);
  expect((await page.request.get("/api/queue")).status()).toBe(401);
}

async function expectStillSignedIn(page: Page) {
  await page.goto("/queue");
  await waitForQueue(page);
}

test("sign out everywhere ends a live session in another browser", async ({ browser }) => {
  const email = newUser("everywhere");
  const laptop = await signedInPage(browser, email);
  const phone = await signedInPage(browser, email);
  await phone.goto("/account");
  phone.once("dialog", (d) => d.accept());
  await phone.getByRole("button", { name: "Sign out everywhere" }).click();
  await phone.waitForURL(/\/login\?notice=signed_out_everywhere/);
  await expect(phone.getByRole("status")).toContainText("signed out on every device");
  await expectSignedOut(laptop);
  await laptop.context().close();
  await phone.context().close();
});

test("changing the password needs the current one, then ends every session; the new password signs in", async ({ browser }) => {
  const email = newUser("password");
  const other = await signedInPage(browser, email);
  const page = await signedInPage(browser, email);
  await page.getByRole("link", { name: /Sessions password/ }).click(); // the header links to the account page
  await page.waitForURL(/\/account/);

  await page.getByLabel("Current password").fill("not-my-password-1");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your current password is not correct.")).toBeVisible();
  await expectStillSignedIn(other); // a refused change ends nothing

  await page.goto("/account");
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await page.waitForURL(/\/login\?notice=password_changed/);
  await expectSignedOut(other);

  const again = await signedInPage(browser, email, NEW_PASSWORD);
  await again.context().close();
  await other.context().close();
  await page.context().close();
});

test("a role change made elsewhere ends the session: its next server action is refused as signed out", async ({ browser }, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL);
  const email = newUser("role");
  const page = await signedInPage(browser, email);
  const api = await signedInContext(baseURL, email, PASSWORD);
  const built = builtActions(process.cwd()).get("app/(app)/account/actions.ts#signOutEverywhereAction")!;
  const actionPage = built.pages.map((p) => pageUrl(p, {})).find((u): u is string => u !== null)!;

  expect(cli("user:role", "--email", email, "--role", "viewer")).toContain("is now viewer");
  const refused = await callServerAction(api, actionPage, built.id, [{}]);
  expect(refused.text).toMatch(/"ok":false,"error":\{"code":"unauthenticated"/);
  await expectSignedOut(page);
  await api.dispose();
  await page.context().close();
});

test("an admin's forced reset signs the user out and makes them set a new password before anything else", async ({ browser }) => {
  const email = newUser("reset");
  const victim = await signedInPage(browser, email);
  const admin = await signedInPage(browser, "admin@countersign.dev", "countersign-demo");
  await admin.goto("/admin/users");
  admin.once("dialog", (d) => d.accept());
  await admin.getByRole("button", { name: `Force password reset for ${email}` }).click();
  await expect(admin.getByText("Reset forced")).toBeVisible();
  await expectSignedOut(victim);

  // The old password still signs in, but only the account page is open until a new one is set.
  await victim.getByLabel("Email").fill(email);
  await victim.getByLabel("Password").fill(PASSWORD);
  await victim.getByRole("button", { name: "Sign in" }).click();
  await victim.waitForURL(/\/account\?reset=required/);
  // Next.js keeps an empty route announcer with role "alert" on the page too: pick ours by its text.
  await expect(victim.getByRole("alert").filter({ hasText: "An admin asked you to set a new password" })).toBeVisible();
  await victim.goto("/receipts");
  await victim.waitForURL(/\/account\?reset=required/);
  await victim.getByLabel("Current password").fill(PASSWORD);
  await victim.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await victim.getByLabel("New password again").fill(NEW_PASSWORD);
  await victim.getByRole("button", { name: "Change password" }).click();
  await victim.waitForURL(/\/login\?notice=password_changed/);
  const after = await signedInPage(browser, email, NEW_PASSWORD);
  await after.context().close();
  await victim.context().close();
  await admin.context().close();
});
