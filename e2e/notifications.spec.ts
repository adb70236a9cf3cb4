// Notifications against the production build: the app's own worker mails a
// high-risk proposal over SMTP to a real in-process server (smtp-server), a
// person follows the emailed link in Chromium, signs in and lands on the
// proposal; the preferences page saves. The receiver runs for the whole e2e
// run (playwright.config.ts starts it, scripts/e2e-server.sh points SMTP_URL
// at it); this spec reads it through e2e/mailbox.ts.
import { expect, test } from "@playwright/test";
import { createAgentKey } from "./cli";
import { DEMO_PASSWORD, signIn } from "./helpers";
import { findMail } from "./mailbox";

test("a high-risk proposal is mailed at once; the link opens the proposal after sign-in, and never decides it", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const name = `e2e-notify-${Date.now().toString(36)}`;
  const auth = { authorization: `Bearer ${createAgentKey(name, "admin@countersign.dev", "ap:read,ap:commit")}` };
  const title = `Urgent wire ${name}`;
  const created = await request.post("/api/v1/proposals", {
    headers: auth,
    data: {
      queue: "accounts-payable",
      intent: "pay_vendor_bill",
      title,
      actor: { type: "user", id: "u_9", email: "ops@company.com", name: "Ops Person" },
      scopes: ["ap:read", "ap:commit"],
      risk: "high",
      inputs: { amount: "98000.00", currency: "EUR" },
      plan: [{ title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_n" } }],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  // The app's own worker (NOTIFY_POLL_SECONDS) finds it and sends the mail.
  await expect.poll(() => findMail("dana@countersign.dev", title), { timeout: 60_000 }).toBeTruthy();
  const mail = (await findMail("dana@countersign.dev", title))!;
  expect(mail.subject).toBe(`[high] ${title}`);
  expect(mail.text).toContain("amount: 98000.00");
  const link = /(http:\/\/127\.0\.0\.1:\d+\/login\?callbackUrl=\S+)/.exec(mail.text)![1]!;
  expect(link).toContain(`callbackUrl=%2Fproposals%2F${id}`);
  expect(mail.html).toContain(`href="${link}"`);

  // Following the link signed out: sign-in first, then the proposal, still pending.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fproposals%2F/);
  await page.getByLabel("Email").fill("dana@countersign.dev");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/proposals/${id}$`), { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  const agentView = await request.get(`/api/v1/proposals/${id}`, { headers: auth });
  expect((await agentView.json()).status).toBe("pending");
  await context.close();
});

test("a person saves their notification preferences", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "sam@countersign.dev");
  await page.goto("/account/notifications");
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  await page.getByLabel("Digest time (UTC)").selectOption("17");
  await page.getByLabel(/Mail me at once/).uncheck();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Digest time (UTC)")).toHaveValue("17");
  await expect(page.getByLabel(/Mail me at once/)).not.toBeChecked();
  await page.screenshot({ path: "test-results/docs/notification-preferences.png" }); // docs/notifications.md
});
