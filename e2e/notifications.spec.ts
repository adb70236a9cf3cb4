// Notifications against the production build: the app's own worker mails a
// high-risk proposal over SMTP to a real in-process server (smtp-server), a
// person follows the emailed link in Chromium, signs in and lands on the
// proposal; the preferences page saves. Run with SMTP_URL pointing at
// E2E_SMTP_PORT (see docs/notifications.md, "Tests").
import { expect, test } from "@playwright/test";
import { createAgentKey } from "./cli";
import { DEMO_PASSWORD, signIn } from "./helpers";
import { startSmtpReceiver } from "../test-support/smtp-receiver";

const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 3806);
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;

test.beforeAll(async () => {
  smtp = await startSmtpReceiver(smtpPort);
});
test.afterAll(async () => {
  await smtp.close();
});

test("a high-risk proposal is mailed at once; the link opens the proposal after sign-in, and never decides it", async ({ browser, request }) => {
  test.skip(!process.env.SMTP_URL, "set SMTP_URL=smtp://127.0.0.1:<E2E_SMTP_PORT> for the app server");
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
  await expect.poll(() => smtp.received.find((m) => m.to.includes("dana@countersign.dev") && m.parsed.subject?.includes(title)), { timeout: 60_000 }).toBeTruthy();
  const mail = smtp.received.find((m) => m.to.includes("dana@countersign.dev") && m.parsed.subject?.includes(title))!;
  expect(mail.parsed.subject).toBe(`[high] ${title}`);
  expect(mail.parsed.text).toContain("amount: 98000.00");
  const link = /(http:\/\/127\.0\.0\.1:\d+\/login\?callbackUrl=\S+)/.exec(mail.parsed.text ?? "")![1]!;
  expect(link).toContain(`callbackUrl=%2Fproposals%2F${id}`);
  expect(String(mail.parsed.html)).toContain(`href="${link}"`);

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
});
