// The security log as an admin sees it: a refused sign-in (posted straight to
// next-auth, as a password-guessing script would) shows up on /admin/security
// with who, what, code and rule, the filters narrow to it, and the page is a
// 404 for anyone but an admin.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { anonymousContext } from "./entry-points/http";
import { cli } from "./cli";

// A forged X-Forwarded-For: with no trusted proxy (TRUSTED_PROXY_HOPS=0) the log shows the TCP peer instead.
const address = `198.51.100.${1 + Math.floor(Math.random() * 250)}`;

async function guessPassword(baseURL: string, email: string) {
  const guesser = await anonymousContext(baseURL);
  const { csrfToken } = (await (await guesser.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await guesser.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: "password-guess-1", json: "true" },
    headers: { "x-forwarded-for": address },
    maxRedirects: 0,
  });
  await guesser.dispose();
}

test("a refused sign-in appears in the admin's security log, and only admins can see the log", async ({ page, browser }, testInfo) => {
  const guessed = `nobody-${Date.now()}@countersign.test`;
  await guessPassword(String(testInfo.project.use.baseURL), guessed);

  await signIn(page, "admin@countersign.dev");
  await page.goto("/admin/security");
  await expect(page.getByRole("heading", { name: "Security log" })).toBeVisible();
  await page.getByLabel("Who").fill(guessed);
  await page.getByLabel("Code").selectOption("sign_in_failed");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/actor=/);
  await expect(page.getByRole("status")).toContainText("1 refusal matches");
  const row = page.getByRole("row").filter({ hasText: guessed });
  await expect(row).toContainText("sign_in:password");
  await expect(row).toContainText("sign_in_failed");
  await expect(row).toContainText("no account with this email");
  await expect(row).toContainText("127.0.0.1");
  await expect(row).not.toContainText(address);
  await page.screenshot({ path: "test-results/security-log.png", fullPage: false });

  await page.getByLabel("Who").fill(`${guessed}.nothing`);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No refusals match these filters")).toBeVisible();

  const viewer = await browser.newPage();
  await signIn(viewer, "vic@countersign.dev");
  const response = await viewer.goto("/admin/security");
  expect(response?.status()).toBe(404);
  await viewer.close();
});

test("a wrong password for a real account is logged under that user", async ({ page }, testInfo) => {
  const email = `guessed-${Date.now()}@countersign.test`;
  cli("user:create", "--email", email, "--name", "Guessed User", "--role", "viewer", "--password", "the-real-password-1");
  await guessPassword(String(testInfo.project.use.baseURL), email);

  await signIn(page, "admin@countersign.dev");
  await page.goto(`/admin/security?actor=${encodeURIComponent(email)}&actorType=user`);
  const row = page.getByRole("row").filter({ hasText: "sign_in:password" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(email);
  await expect(row).toContainText("user ·"); // the actor is that user, not "anonymous"
  await expect(row).toContainText("Sign-in refused: wrong password.");
});
