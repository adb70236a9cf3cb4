// The insight pages in Chromium against the production build and the demo
// history (its rollups rebuilt by the seed): they render with charts and the
// numbers behind them, are usable from the keyboard, pass axe, download CSV;
// the people view is an admin's only (a 404 page and a refused CSV for others).
// The suggestions page opens a suggestion as the standing-approval grant form,
// filled in, with its Cedar draft in the policy editor; a hostile link to the
// form shows notes, not an error; sponsors see their own agents' flags.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { newSignedInPage, signIn, waitForQueue } from "./helpers";
import { createAgentKey } from "./cli";

test.setTimeout(120_000);

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const found = results.violations.map((v) => `${v.id} on ${page.url()}: ${v.help} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, found.join("\n")).toEqual([]);
}

test("an admin reads the queue, agent and people insights, moves between them by keyboard, and downloads CSV", async ({ page }) => {
  await signIn(page, "admin@countersign.dev");
  await page.goto("/insights?days=90");
  await expect(page.getByRole("heading", { level: 1, name: "Insights" })).toBeVisible();
  await expect(page.getByRole("application", { name: /Proposals created per day/ })).toBeVisible();
  await expect(page.getByRole("application", { name: /Median time to decision per queue/ })).toBeVisible();
  const table = page.getByRole("table", { name: "Per queue, last 90 days" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  await expectNoViolations(page);

  // The numbers behind the volume chart open from the keyboard.
  await page.getByText("The numbers behind the chart").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("table", { name: "Proposals per day" })).toBeVisible();

  // CSV: a download with a header row and one line per queue.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("countersign-insights-queues-90d.csv");
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString("utf8");
  expect(text.split("\r\n")[0]).toContain("queue,name,volume,closed");
  expect(text.split("\r\n").length).toBeGreaterThan(2);

  // To the agents view with the keyboard: focus the link, press Enter.
  await page.getByRole("navigation", { name: "Insight views" }).getByRole("link", { name: "Agents" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/insights\/agents\?days=90/);
  await expect(page.getByRole("application", { name: /Rejection rate per agent/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Per agent, last 90 days" }).getByRole("row").nth(1)).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole("navigation", { name: "Insight views" }).getByRole("link", { name: "People" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/insights\/people/);
  await expect(page.getByRole("table", { name: "Per person, last 90 days" }).getByRole("row").filter({ hasText: "dana@countersign.dev" })).toBeVisible();
  await expectNoViolations(page);
  const people = await page.request.get("/insights/export?view=people&days=90");
  expect(people.status()).toBe(200);
  expect(await people.text()).toContain("dana@countersign.dev");
});

/** The cells of a table's body rows, as text. */
async function tableCells(page: Page, name: string): Promise<string[][]> {
  return page
    .getByRole("table", { name })
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => [...(row as HTMLTableRowElement).cells].map((cell) => cell.textContent!.trim())));
}

/** Each drawn bar's length in pixels (height for vertical bars, width for horizontal ones), in data order. */
async function barLengths(chart: ReturnType<Page["getByRole"]>, along: "height" | "width"): Promise<number[]> {
  return chart.locator(".recharts-bar-rectangle").evaluateAll(
    (groups, key) => groups.map((g) => (g.querySelector("path") ? (g.querySelector("path") as SVGGraphicsElement).getBBox()[key as "height" | "width"] : 0)),
    along,
  );
}

/** The bars stand in the proportions of the numbers (within a pixel of the longest bar's scale). */
function expectProportional(lengths: number[], values: number[]) {
  const top = values.indexOf(Math.max(...values));
  const scale = lengths[top]! / values[top]!;
  expect(scale).toBeGreaterThan(0);
  lengths.forEach((length, i) => expect(Math.abs(length - values[i]! * scale), `bar ${i}: ${length} px for ${values[i]}`).toBeLessThanOrEqual(1.5));
}

test("the charts are recharts charts of the numbers in the tables beside them, and the keyboard walks their tooltips", async ({ page }) => {
  await signIn(page, "admin@countersign.dev");
  await page.goto("/insights?days=90");

  // The volume chart: a bar per day of the per-day table, each as tall as its number says.
  const volume = page.getByRole("application", { name: /Proposals created per day/ });
  await expect(volume).toBeVisible();
  await page.getByText("The numbers behind the chart").click();
  const days = await tableCells(page, "Proposals per day");
  expect(days).toHaveLength(90);
  // Recharts draws no rectangle for a zero: a bar for every day with proposals, in order.
  const busy = days.map((d) => Number(d[1])).filter((n) => n > 0);
  expect(busy.length).toBeGreaterThan(5);
  await expect(volume.locator(".recharts-bar-rectangle")).toHaveCount(busy.length);
  expectProportional(await barLengths(volume, "height"), busy);

  // From the keyboard: Tab from the CSV link into the chart; focus shows the first day, ArrowRight the second.
  await page.getByRole("link", { name: "Download CSV" }).focus();
  for (let i = 0; i < 12 && !(await volume.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(volume).toBeFocused();
  expect(await volume.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe("solid");
  const tooltip = page.locator("[data-chart-tooltip]");
  await expect(tooltip).toHaveText(`${days[0]![0]}: ${days[0]![1]}`);
  await page.keyboard.press("ArrowRight");
  await expect(tooltip).toHaveText(`${days[1]![0]}: ${days[1]![1]}`);
  await page.keyboard.press("ArrowRight");
  await expect(tooltip).toHaveText(`${days[2]![0]}: ${days[2]![1]}`);

  // The per-queue chart: a bar per table row, labelled with the table's median.
  const median = page.getByRole("application", { name: /Median time to decision per queue/ });
  const queues = await tableCells(page, "Per queue, last 90 days");
  // A queue no person decided in the period ("–") has neither bar nor label; its row stays in the table.
  const decided = queues.filter((q) => q[5] !== "–");
  await expect(median.locator(".recharts-bar-rectangle")).toHaveCount(decided.length);
  await expect(median.locator(".recharts-label-list text")).toHaveText(decided.map((q) => q[5]!));
  // From the keyboard, with the pointer out of the way (a pointer resting over a bar shows that bar's tooltip instead).
  await page.mouse.move(0, 0);
  await median.focus();
  const figures = queues.map((q) => `${q[0]}: ${q[5]}`);
  await expect(tooltip).toHaveText(new RegExp(`^(${figures.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`));
  await expectNoViolations(page);

  // Readable in dark mode too (axe checks the contrast of the axis labels and tooltip).
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoViolations(page);
  await page.emulateMedia({ colorScheme: "light" });

  // People: the decisions per person, in proportion, with the table's figures as labels.
  await page.goto("/insights/people?days=90");
  const decisions = page.getByRole("application", { name: /Decisions per person/ });
  await expect(decisions).toBeVisible();
  const people = await tableCells(page, "Per person, last 90 days");
  await expect(decisions.locator(".recharts-bar-rectangle")).toHaveCount(people.length);
  await expect(decisions.locator(".recharts-label-list text")).toHaveText(people.map((p) => p[2]!));
  expectProportional(await barLengths(decisions, "width"), people.map((p) => Number(p[2])));
});

test("the insight pages hydrate their charts without warnings", async ({ page }) => {
  const warnings: string[] = [];
  // React reports a hydration mismatch on the console (in production as "Minified React error #418" and its kin).
  page.on("console", (message) => {
    if (/hydrat|did not match|Warning:|Minified React error/i.test(message.text())) warnings.push(message.text());
  });
  page.on("pageerror", (error) => warnings.push(error.message));
  await signIn(page, "admin@countersign.dev");
  for (const path of ["/insights?days=90", "/insights/agents?days=90", "/insights/people?days=90"]) {
    await page.goto(path);
    await expect(page.getByRole("application").first()).toBeVisible();
  }
  expect(warnings).toEqual([]);
});

test("someone who is not an admin sees queues and agents but not people", async ({ page }) => {
  await signIn(page, "dana@countersign.dev");
  await page.goto("/insights");
  await expect(page.getByRole("heading", { level: 1, name: "Insights" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Insight views" }).getByRole("link", { name: "People" })).toHaveCount(0);
  const response = await page.goto("/insights/people");
  expect(response?.status()).toBe(404);
  const csv = await page.request.get("/insights/export?view=people&days=30");
  expect(csv.status()).toBe(403);
  expect((await page.request.get("/insights/export?view=agents&days=30")).status()).toBe(200);
});

test("an admin opens a suggested standing approval as a filled-in grant form and a draft in the policy editor", async ({ page }) => {
  await signIn(page, "admin@countersign.dev");
  await page.goto("/admin/policies/suggestions?days=365&k=2");
  await expect(page.getByRole("heading", { level: 1, name: "Suggested standing approvals" })).toBeVisible();
  await expectNoViolations(page);
  const open = page.getByRole("link", { name: /^Open as draft/ }).first();
  test.skip((await open.count()) === 0, "the demo history has no pattern approved twice without a rejection or edit");
  await open.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/admin\/policies\?/);
  await expect(page.getByRole("note").filter({ hasText: "is added at the end of the editor as a draft" })).toBeVisible();
  await expect(page.getByLabel("Policies")).toHaveValue(/DRAFT suggested standing approval[\s\S]*action == Action::"auto_approve"/);
  // The grant form is open and filled in from what people approved; nothing is granted until the admin submits it.
  expect(new URL(page.url()).searchParams.get("grant")).toBe("1");
  const form = page.getByRole("form", { name: "Grant a standing approval" });
  await expect(form).toBeVisible();
  await expect(form.getByLabel("Agent")).not.toHaveValue("");
  await expect(form.getByLabel("Queue")).not.toHaveValue("");
  await expect(form.getByLabel("Tool")).not.toHaveValue("");
  await expect(form.getByLabel("Reason")).toHaveValue(/^Suggested: people approved/);
  // From the keyboard: into the form's first field and on through it.
  await form.getByLabel("Agent").focus();
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("Queue")).toBeFocused();
  await expectNoViolations(page);
  await page.screenshot({ path: "test-results/suggestion-grant-form.png", fullPage: false });
});

test("a hostile link to the grant form shows what was left out, not an error page", async ({ page }) => {
  await signIn(page, "admin@countersign.dev");
  const query = "grant=1&agent=nobody&tool=ap.pay%00x&queue=%3Cscript%3E&max_count=-1&expires_days=99999999&at_most.amount=1e999&equals.%3Cimg%3E=1&period=forever&days=NaN&k=1e9";
  const response = await page.goto(`/admin/policies?${query}#standing-approvals`);
  expect(response?.status()).toBe(200);
  const note = page.getByRole("note").filter({ hasText: "The link's grant form values were not all usable" });
  await expect(note).toBeVisible();
  await expect(note).toContainText('No agent "nobody": choose one.');
  await expect(note).toContainText('The limit on amount "1e999" is not a number: left out.');
  await expect(page.getByRole("form", { name: "Grant a standing approval" }).getByLabel("Agent")).toHaveValue("");
  // A value holding U+0000 is dropped, as by every URL reader (lib/base/search-params.ts).
  await expect(page.getByRole("form", { name: "Grant a standing approval" }).getByLabel("Tool")).toHaveValue("");
  await expectNoViolations(page);
});

test("a sponsor sees the flags of their own agents on the agents insight page, and another person does not", async ({ page, request, browser }) => {
  // A fresh agent sponsored by Vic (a viewer), whose five payments Sam rejects: a pattern rejected every time.
  const name = `e2e-flagged-${Date.now().toString(36)}`;
  const key = createAgentKey(name, "vic@countersign.dev", "ap:read,ap:commit");
  for (let i = 0; i < 5; i++) {
    const res = await request.post("/api/v1/proposals", {
      headers: { authorization: `Bearer ${key}` },
      data: {
        queue: "accounts-payable",
        intent: "pay_vendor_bill",
        title: `${name} invoice ${i}`,
        actor: { type: "user", id: "u_flag", email: "flag@company.com", name: "Flag Actor" },
        scopes: ["ap:read", "ap:commit"],
        plan: [{ title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: `${name}-${i}` } }],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  await signIn(page, "sam@countersign.dev");
  await page.goto(`/queue?agent=${name}`);
  await waitForQueue(page);
  await page.keyboard.press("m");
  await expect(page.getByRole("region", { name: /All 5 proposals matching this view are selected/ })).toBeFocused();
  await page.keyboard.press("r");
  // The reason box must have the focus before typing: the reason's letters are shortcuts too ("a" approves).
  await expect(page.getByLabel("Reason")).toBeFocused();
  await page.keyboard.type("Wrong payee every time");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByRole("status").filter({ hasText: "Rejected 5 proposals." })).toBeVisible();

  const vic = await newSignedInPage(browser, "vic@countersign.dev");
  await vic.goto("/insights/agents?days=7");
  const flags = vic.getByRole("table", { name: "Patterns of your agents flagged for you" });
  await expect(flags.getByRole("row").filter({ hasText: name })).toContainText("100 %");
  await expectNoViolations(vic);

  // Dana sponsors no agent of this pattern: the table is not there for her.
  const dana = await newSignedInPage(browser, "dana@countersign.dev");
  await dana.goto("/insights/agents?days=7");
  await expect(dana.getByRole("heading", { level: 1, name: "Insights: agents" })).toBeVisible();
  await expect(dana.getByRole("table", { name: "Patterns of your agents flagged for you" })).toHaveCount(0);
});
