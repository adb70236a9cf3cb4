// Look-alike groups and readable diffs in the browser, on the demo data (its
// twenty look-alike vendor-bill payments, prisma/demo/templates/lookalikes.ts): open the
// group from the queue, sort by amount, approve a selection, follow the batch's
// receipts; then the proposal page's word-level, wrapping, highlighted diffs.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { newSignedInPage, waitForQueue } from "./helpers";

/** WCAG 2.1 A/AA violations (axe-core) inside one part of the page, as readable lines. */
async function violations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).include(selector).exclude('[class*="code-fold"]').analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

async function amounts(page: Page): Promise<number[]> {
  const texts = await page.locator('td[data-column="amount"] > span.font-mono').allTextContents();
  return texts.map((t) => Number(t.replace(/[^0-9.]/g, "")));
}

test("a look-alike group: opened from the queue, sorted, a selection approved, its receipts shown", async ({ browser }) => {
  test.setTimeout(120_000);
  const sam = await newSignedInPage(browser, "sam@countersign.dev");
  await sam.goto("/queue?queue=accounts-payable");
  await waitForQueue(sam);
  const groups = sam.getByRole("region", { name: /Look-alike groups/ }).or(sam.locator("section[aria-labelledby=look-alike-groups]"));
  const link = groups.getByRole("link", { name: /^Pay vendor bill · \d+ proposals$/ }).first();
  const count = Number((await link.textContent())!.match(/(\d+) proposals/)![1]);
  expect(count).toBeGreaterThanOrEqual(20);
  expect(await violations(sam, "section[aria-labelledby=look-alike-groups]")).toEqual([]);
  await link.click();
  await expect(sam.getByRole("heading", { level: 1 })).toHaveText(`Pay vendor bill · ${count} proposals`);
  await expect(sam.getByRole("checkbox", { name: /^Select (?!all)/ })).toHaveCount(count);
  // What is the same is shown once; the outlier and the new vendor are marked.
  await expect(sam.getByRole("heading", { name: "The same in every proposal" })).toBeVisible();
  await expect(sam.locator('td[data-column="amount"][data-outlier]').first()).toBeVisible();
  await expect(sam.locator("td[data-first-time]").filter({ hasText: "v_2001" })).toBeVisible();
  expect(await violations(sam, "main")).toEqual([]);

  const amountHeader = sam.getByRole("columnheader", { name: /^amount/ });
  await amountHeader.getByRole("button").click();
  await expect(amountHeader).toHaveAttribute("aria-sort", "ascending");
  const ascending = await amounts(sam);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await amountHeader.getByRole("button").click();
  await expect(amountHeader).toHaveAttribute("aria-sort", "descending");
  const descending = await amounts(sam);
  expect(descending).toEqual([...ascending].reverse());

  // The three smallest payments (one approver each): select and approve just those.
  await amountHeader.getByRole("button").click();
  const boxes = sam.locator("tbody").getByRole("checkbox");
  for (let i = 0; i < 3; i++) await boxes.nth(i).check();
  await expect(sam.getByText("3 selected", { exact: true })).toBeVisible();
  await sam.getByRole("button", { name: "Approve 3 selected" }).click();
  await expect(sam.getByRole("status").filter({ hasText: "Approved 3 proposals." })).toBeVisible();
  await expect(sam.getByRole("heading", { level: 1 })).toHaveText(`Pay vendor bill · ${count - 3} proposals`);

  await sam.getByRole("link", { name: "Receipts of this decision" }).click();
  await expect(sam).toHaveURL(/batch=/);
  await expect(sam.getByRole("link", { name: /^Receipt \d+, approved$/ })).toHaveCount(3);
  await sam.context().close();
});

test("the proposal page's diffs: changed words marked, long lines wrapped, nothing cut off, code highlighted", async ({ browser }) => {
  test.setTimeout(120_000);
  const dana = await newSignedInPage(browser, "dana@countersign.dev");
  await dana.goto("/queue?status=all&agent=support-mailer&q=revised");
  await waitForQueue(dana);
  await dana.locator("tbody tr").first().getByRole("link").first().click();
  const region = dana.getByRole("region", { name: "Text diff" }).first();
  await expect(region).toBeVisible();
  await dana.getByRole("button", { name: "Split" }).first().click();
  await expect(region.locator("ins, del").first()).toBeVisible();
  const layout = await region.evaluate((el) => {
    const isWord = (c: string | undefined) => !!c && /\w/.test(c);
    const midWord: string[] = [];
    for (const mark of el.querySelectorAll("ins, del")) {
      const cell = mark.closest("td")!;
      const before = document.createRange();
      before.setStart(cell, 0);
      before.setEndBefore(mark);
      const text = cell.textContent ?? "";
      const start = before.toString().length;
      const end = start + (mark.textContent ?? "").length;
      const markText = mark.textContent ?? "";
      if ((isWord(text[start - 1]) && isWord(markText[0])) || (isWord(markText.at(-1)) && isWord(text[end]))) midWord.push(markText);
    }
    const lines = [...el.querySelectorAll("td pre, td [class*=content-text]")].map((n) => n.getBoundingClientRect().height);
    return { overflow: el.scrollWidth - el.clientWidth, midWord, tallest: Math.max(...lines) };
  });
  expect(layout.midWord).toEqual([]);
  expect(layout.overflow).toBeLessThanOrEqual(1);
  expect(layout.tallest).toBeGreaterThan(30);
  expect(await violations(dana, "[role=region][aria-label='Text diff']")).toEqual([]);

  await dana.goto("/queue?status=all&agent=github-refactor-bot");
  await waitForQueue(dana);
  await dana.locator("tbody tr").first().getByRole("link").first().click();
  const code = dana.locator('[role=region][aria-label="Text diff"][data-language]').first();
  await expect(code).toBeVisible();
  await expect(code.locator('span[style*="color"]').first()).toBeVisible();
  expect(await violations(dana, "[role=region][aria-label='Text diff'][data-language]")).toEqual([]);
  await dana.context().close();
});
