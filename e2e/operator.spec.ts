// The operator's day against the production build on the demo database:
// sign in, filter, batch approve, reject with a reason, find the receipts;
// and the paths a user must not be able to take.
import { expect, test } from "@playwright/test";
import { decidableTitles, expectStatus, newSignedInPage, rowTitles, signIn } from "./helpers";

test("an approver filters, approves three, rejects one with a reason, and finds all four receipts", async ({ page }) => {
  await signIn(page, "dana@countersign.dev");
  await expect(page.getByRole("link", { name: /^pending/i })).toBeVisible();
  await page.getByRole("combobox", { name: "Queue" }).selectOption("accounts-payable");
  await page.waitForURL(/queue=accounts-payable/);
  await expect(page).toHaveURL(/queue=accounts-payable/);
  await expect(page.locator("tbody tr").first()).toContainText("Accounts payable");
  await page.screenshot({ path: "test-results/queue.png", fullPage: false });

  const titles = (await decidableTitles(page, "dana@countersign.dev")).slice(0, 4);
  expect(titles).toHaveLength(4);
  for (const title of titles.slice(0, 3)) await page.getByRole("checkbox", { name: `Select ${title}` }).check();
  await expect(page.getByText("3 selected")).toBeVisible();
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expectStatus(page, "Approved 3 proposals.");
  for (const title of titles.slice(0, 3)) await expect(page.getByRole("checkbox", { name: `Select ${title}` })).toHaveCount(0);

  await page.getByRole("checkbox", { name: `Select ${titles[3]}` }).check();
  await page.getByRole("button", { name: "Reject", exact: true }).click();
  await page.getByLabel("Reason").fill("Vendor bank details changed last week; verify by phone first.");
  await page.getByRole("button", { name: "Confirm rejection" }).click();
  await expectStatus(page, "Rejected 1 proposal.");

  await page.goto("/receipts");
  for (const title of titles) {
    const row = page.getByRole("row").filter({ hasText: title }).first();
    await expect(row).toBeVisible();
    await expect(row).toContainText("Dana Ops");
  }
  await expect(page.getByRole("row").filter({ hasText: titles[3]! }).first()).toContainText("verify by phone");
});

test("keyboard triage: j/k move, x selects, ? lists the shortcuts", async ({ page }) => {
  await signIn(page, "sam@countersign.dev");
  const titles = await rowTitles(page);
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await expect(page.getByRole("checkbox", { name: `Select ${titles[1]}` })).toBeChecked();
  await page.keyboard.press("k");
  await page.keyboard.press("x");
  await expect(page.getByRole("checkbox", { name: `Select ${titles[0]}` })).toBeChecked();
  await expect(page.getByText("2 selected")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByText("2 selected")).toHaveCount(0);
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
});

test("shift-click selects a range", async ({ page }) => {
  await signIn(page, "sam@countersign.dev");
  const titles = await rowTitles(page);
  await page.getByRole("checkbox", { name: `Select ${titles[1]}` }).click();
  await page.getByRole("checkbox", { name: `Select ${titles[4]}` }).click({ modifiers: ["Shift"] });
  await expect(page.getByText("4 selected")).toBeVisible();
});

test("a viewer can review but not decide, in the UI or by posting the server action directly", async ({ page, browser }) => {
  // Capture what the real "Approve" server action request looks like (as an approver), without letting it through.
  const dana = await newSignedInPage(browser, "dana@countersign.dev");
  let captured: { url: string; headers: Record<string, string> } | null = null;
  await dana.route("**/queue**", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      captured = { url: request.url(), headers: request.headers() };
      return route.abort();
    }
    return route.continue();
  });
  const target = (await rowTitles(dana))[0]!;
  await dana.getByRole("checkbox", { name: `Select ${target}` }).check();
  await dana.getByRole("button", { name: "Approve", exact: true }).click();
  await expect.poll(() => captured).not.toBeNull();
  const targetId = await dana.getByRole("link", { name: target, exact: true }).first().getAttribute("href").then((h) => h!.split("/").pop()!);
  await dana.context().close();

  await signIn(page, "vic@countersign.dev");
  await expect(page.getByRole("button", { name: "Approve", exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Reject", exact: true })).toBeDisabled();
  await expect(page.getByText("You are a viewer")).toBeVisible();

  const { url, headers } = captured!;
  const post = (request: typeof page.request) =>
    request.post(url, {
      headers: { "next-action": headers["next-action"]!, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
      data: JSON.stringify([{ ids: [targetId], outcome: "approved" }]),
    });
  const asViewer = await post(page.request);
  expect(await asViewer.text()).toContain('"code":"forbidden"');
  const anonymous = await browser.newContext();
  expect(await (await post(anonymous.request)).text()).toContain('"code":"unauthenticated"');
  await anonymous.close();

  await page.reload();
  await expect(page.getByRole("checkbox", { name: `Select ${target}` })).toBeVisible(); // still pending
});

test("two approvers racing on one item: exactly one decision, and a clear message for the loser", async ({ browser }) => {
  const [dana, sam] = await Promise.all([newSignedInPage(browser, "dana@countersign.dev"), newSignedInPage(browser, "sam@countersign.dev")]);
  const title = (await decidableTitles(dana, "dana@countersign.dev", "sam@countersign.dev"))[0]!;
  await expect(sam.getByRole("checkbox", { name: `Select ${title}` })).toBeVisible();
  await dana.getByRole("checkbox", { name: `Select ${title}` }).check();
  await sam.getByRole("checkbox", { name: `Select ${title}` }).check();
  await Promise.all([dana.getByRole("button", { name: "Approve", exact: true }).click(), sam.getByRole("button", { name: "Approve", exact: true }).click()]);
  const messages = await Promise.all(
    [dana, sam].map(async (p) => {
      const status = p.getByRole("status").filter({ hasText: /Approved/ }).first();
      await expect(status).toBeVisible();
      return status.innerText();
    }),
  );
  const winners = messages.filter((m) => m.includes("Approved 1 proposal."));
  const losers = messages.filter((m) => m.includes("Approved 0 proposals."));
  expect(winners).toHaveLength(1);
  expect(losers).toHaveLength(1);
  expect(losers[0]).toMatch(/Already approved by (Dana Ops|Sam Rivera)/);
});

test("separation of duties: an approver cannot approve a proposal that acts for them", async ({ page }) => {
  await signIn(page, "dana@countersign.dev");
  await page.getByRole("searchbox", { name: "Search" }).fill("dana@countersign.dev");
  await page.getByRole("searchbox", { name: "Search" }).press("Enter");
  await page.waitForURL(/q=dana/);
  const all = await rowTitles(page);
  const others = new Set(await decidableTitles(page, "dana@countersign.dev"));
  const mine = all.filter((t) => !others.has(t));
  expect(mine.length).toBeGreaterThan(0); // the demo data has pending proposals acting for Dana
  const title = mine[0]!;
  await page.getByRole("checkbox", { name: `Select ${title}` }).check();
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expectStatus(page, "Approved 0 proposals.");
  await expect(page.getByText(/this proposal acts for Dana Ops, who cannot approve it/)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: `Select ${title}` })).toBeVisible();
});
