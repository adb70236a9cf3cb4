import { expect, type Browser, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "countersign-demo";

export async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/queue/);
  await waitForQueue(page);
}

/** The queue answers keys and clicks only once React has hydrated it. */
export async function waitForQueue(page: Page) {
  await page.locator('[data-queue-ready="true"]').waitFor();
}

export async function newSignedInPage(browser: Browser, email: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** Titles of the rows currently shown in the queue table. */
export async function rowTitles(page: Page): Promise<string[]> {
  const labels = await page.getByRole("checkbox", { name: /^Select (?!all)/ }).evaluateAll((els) => els.map((el) => el.getAttribute("aria-label")!));
  return labels.map((l) => l.replace(/^Select /, ""));
}

export async function expectStatus(page: Page, text: string | RegExp) {
  await expect(page.getByRole("status").filter({ hasText: text }).first()).toBeVisible();
}

/**
 * Titles of the rows the given approver may approve at once: separation of
 * duties forbids approving a proposal that acts for you (demo sponsors are
 * viewers), and rows that need a quorum ("0 of 2 approvals") stay pending
 * after one approval.
 */
export async function decidableTitles(page: Page, ...emails: string[]): Promise<string[]> {
  const rows = await page.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => ({ label: tr.querySelector("input[type=checkbox]")?.getAttribute("aria-label") ?? "", text: tr.textContent ?? "" })),
  );
  return rows
    .filter((row) => row.label.startsWith("Select ") && !emails.some((email) => row.text.includes(email)) && !/ of \d+ approvals/.test(row.text))
    .map((row) => row.label.replace(/^Select /, ""));
}
