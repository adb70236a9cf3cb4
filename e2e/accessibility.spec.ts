// Every page, checked by axe-core against WCAG 2.1 A and AA: no violation on
// any page the contract lists (docs/contract.md, section 4's page table), plus
// the extra views below (filtered queues, proposals in each state). The page
// list is read from the contract, so a new page is scanned as soon as it is
// listed there (which lib/api-docs/contract-doc.test.ts already requires); a
// page with a dynamic segment (`/proposals/<id>`) needs an entry in RESOLVERS.
// A failure names the rule, the page and the offending nodes, for every page.
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** The pages of the contract's table: `| \`/path\` | who | what |`. */
function contractPages(): string[] {
  const markdown = readFileSync("docs/contract.md", "utf8");
  return [...markdown.matchAll(/^\| `(\/[^`]*)` \|/gm)].map((m) => m[1]!);
}

/** Views beyond the page list: the same page in other states. Add to this array freely. */
const EXTRA_VIEWS = ["/queue?status=all", "/queue?status=executed", "/queue?status=rejected", "/queue?risk=high", "/receipts?kind=all"];

/** The first link a listing's table rows show whose href starts with `prefix`. */
async function firstLink(page: Page, listing: string, prefix: string): Promise<string[]> {
  await page.goto(listing);
  const link = page.locator(`tbody tr a[href^='${prefix}']`).first();
  const href = (await link.count()) > 0 ? await link.getAttribute("href") : null;
  return href ? [href] : [];
}

/**
 * One or more concrete paths for each page with a dynamic segment. A new page
 * like `/groups/<id>` adds a line here, e.g. `"/groups/<id>": (page) => firstLink(page, "/queue?view=groups", "/groups/")`.
 */
const RESOLVERS: Record<string, (page: Page) => Promise<string[]>> = {
  // Proposals in several states: pending (decision panel), executed, rejected and approved (history, diffs).
  "/proposals/<id>": async (page) => {
    const found: string[] = [];
    for (const view of ["/queue", "/queue?status=executed", "/queue?status=rejected", "/queue?status=approved"]) found.push(...(await firstLink(page, view, "/proposals/")));
    return found;
  },
  "/receipts/<id>": (page) => firstLink(page, "/receipts", "/receipts/"),
  // The Pending tab lists look-alike groups above the rows.
  "/queue/groups/<key>": async (page) => {
    await page.goto("/queue");
    const href = await page.locator("a[href^='/queue/groups/']").first().getAttribute("href");
    return href ? [href] : [];
  },
};

async function violationsOn(page: Page, name: string): Promise<string[]> {
  // One known exception, in react-diff-viewer-continued's own markup: its "expand N lines" fold
  // row is clickable and holds a focusable button (nested-interactive). Everything else is checked.
  const results = await new AxeBuilder({ page }).withTags(TAGS).exclude('[class*="code-fold"]').analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}) on ${name}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1).join(" ")}`).join("\n")}`,
  );
}

test("the sign-in page has no WCAG 2.1 A/AA violations", async ({ page }) => {
  await page.goto("/login");
  expect(await violationsOn(page, "/login")).toEqual([]);
});

test("every signed-in page has no WCAG 2.1 A/AA violations", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "admin@countersign.dev");
  const listed = contractPages().filter((p) => p !== "/login");
  expect(listed.length, "the contract's page table was not found").toBeGreaterThan(10);

  const paths: string[] = [];
  for (const entry of listed) {
    if (!entry.includes("<")) {
      paths.push(entry);
      continue;
    }
    const resolve = RESOLVERS[entry];
    expect(resolve, `${entry} has a dynamic segment: add a resolver for it to RESOLVERS`).toBeDefined();
    const found = await resolve!(page);
    expect(found.length, `no page found for ${entry} in the demo data`).toBeGreaterThan(0);
    paths.push(...found);
  }
  paths.push(...EXTRA_VIEWS);

  // Every page is scanned before asserting, so one run names every violation.
  const found: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    found.push(...(await violationsOn(page, path)));
  }
  expect(found, found.join("\n\n")).toEqual([]);
});
