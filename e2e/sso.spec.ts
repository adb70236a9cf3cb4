// Single sign-on through a real OpenID Connect provider (e2e/oidc-provider.mjs,
// started by playwright.config.ts): a verified email maps to an existing user,
// and nobody is registered silently.
import { expect, test, type Page } from "@playwright/test";
import { cli } from "./cli";
import { openReadOnly } from "./entry-points/fingerprint";

const IDP_NAME = "Test IdP"; // OIDC_NAME in scripts/e2e-server.sh

/** Clicks "Continue with …" and signs in on the provider's dev login form (it accepts any login id). */
async function signInThroughProvider(page: Page, loginId: string) {
  // Forget the provider's own session (cookies are per host, not per port, so match by
  // name) so it shows its login form again instead of silently reusing the last login.
  await page.context().clearCookies({ name: /^_session/ });
  await page.goto("/login");
  await page.getByRole("button", { name: `Continue with ${IDP_NAME}` }).click();
  await page.waitForURL(new RegExp(`:${process.env.E2E_OIDC_PORT ?? 3219}/interaction/`));
  await page.locator('input[name="login"]').fill(loginId);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

async function session(page: Page) {
  return (await page.request.get("/api/auth/session")).json();
}

test("the login page offers single sign-on when it is configured", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: `Continue with ${IDP_NAME}` })).toBeVisible();
});

test("dana signs in through the provider and the session carries her Countersign id", async ({ page }) => {
  await signInThroughProvider(page, "dana@countersign.dev");
  await page.waitForURL(/\/queue/);
  await expect(page.getByText("Dana Ops · approver")).toBeVisible(); // looked up by the session's user id
  const s = await session(page);
  expect(s.authMethod).toBe("oidc");
  expect(s.userId).toMatch(/^c[a-z0-9]{20,}$/); // a cuid from our users table ...
  expect(s.userId).not.toBe("dana@countersign.dev"); // ... not the provider's subject
  expect(s.user?.name).toBe("Dana Ops");
});

test("a verified email without an account is refused, and no account is created", async ({ page }) => {
  const email = `stranger-${Date.now()}@example.com`;
  const refused = "There is no active Countersign account for that single sign-on email";
  await signInThroughProvider(page, email);
  await page.waitForURL(/\/login\?error=NoAccount/);
  await expect(page.locator("main").getByRole("alert")).toContainText(refused);
  expect(await session(page)).toEqual({});

  // Signing in again is refused the same way: the first attempt registered nobody.
  await signInThroughProvider(page, email);
  await page.waitForURL(/\/login\?error=NoAccount/);
  await expect(page.locator("main").getByRole("alert")).toContainText(refused);

  // user:create would fail with "already exists" if a row had been written; once an
  // admin has added them, the same single sign-on login works.
  expect(cli("user:create", "--email", email, "--name", "Stranger Added", "--role", "viewer", "--password", "unused-password-123")).toContain("Created user");
  await signInThroughProvider(page, email);
  await page.waitForURL(/\/queue/);
  await expect(page.getByText("Stranger Added · viewer")).toBeVisible();
});

test("an unverified email is refused even when it matches an account", async ({ page }) => {
  await signInThroughProvider(page, "unverified:dana@countersign.dev");
  await page.waitForURL(/\/login\?error=EmailNotVerified/);
  await expect(page.locator("main").getByRole("alert")).toContainText("did not confirm your email address");
  expect(await session(page)).toEqual({});
});

test("an account is pinned to its first identity: the same email under another subject cannot take it over", async ({ page }) => {
  const email = `pinned-${Date.now()}@countersign.test`;
  cli("user:create", "--email", email, "--name", "Pinned Person", "--role", "viewer", "--password", "unused-password-123");
  await signInThroughProvider(page, email); // the first verified match pins (issuer, subject "<email>")
  await page.waitForURL(/\/queue/);
  await expect(page.getByText("Pinned Person · viewer")).toBeVisible();
  await page.context().clearCookies();

  // The provider re-issued the address: a different subject, the same verified email.
  await signInThroughProvider(page, `${email}#2`);
  await page.waitForURL(/\/login\?error=IdentityMismatch/);
  await expect(page.locator("main").getByRole("alert")).toContainText("linked to a different identity at your single sign-on provider");
  expect(await session(page)).toEqual({});
  const db = openReadOnly();
  try {
    const event = db.prepare(`SELECT code, rule, action FROM "SecurityEvent" WHERE target = ? AND rule = 'sso_pinned_identity'`).get(email);
    expect(event, "the takeover attempt is in the security log").toMatchObject({ code: "sign_in_failed", action: "sign_in:oidc" });
  } finally {
    db.close();
  }

  // The original identity still signs in.
  await signInThroughProvider(page, email);
  await page.waitForURL(/\/queue/);
  await expect(page.getByText("Pinned Person · viewer")).toBeVisible();
});
