// Measures triage of the demo's pending proposals in a real browser: how many
// keystrokes and page loads it takes (a script, not a test: it prints figures
// and asserts nothing). Run it against a fresh demo database per mode, e.g.
//
//   bash scripts/e2e-server.sh 3320 3321 &   # serves .next on a fresh seeded SQLite database
//   npx tsx scripts/measure-triage.ts --mode open-each --url http://127.0.0.1:3320
//
// Modes, all by keyboard only, signed in as Dana Ops (approver):
//   open-each    every proposal read on its own page: Enter opens it from the queue, Tab reaches
//                Approve, Enter approves, Alt+Left goes back (the "one by one" baseline);
//   row-keys     every proposal approved from the queue row with `a`, without opening it;
//   select-all   `m` selects all matching the pending view, `a` then Enter approves it.
// Items the person may not approve (separation of duties, quorum) stay pending in every mode:
// open-each and row-keys move past them with one more key (`j`), as a person would.
import { existsSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ""), process.argv[i + 1] ?? "");
const url = args.get("url") ?? "http://127.0.0.1:3320";
const mode = args.get("mode") ?? "select-all";
const email = args.get("email") ?? "dana@countersign.dev";

let keys = 0;
let loads = 0;
async function press(page: Page, key: string) {
  keys++;
  await page.keyboard.press(key);
}

async function pendingCount(page: Page): Promise<number> {
  const text = (await page.getByText(/^Showing \d+ of \d+$/).textContent()) ?? "";
  return Number(text.match(/of ([\d,]+)/)![1]!.replace(/,/g, ""));
}

async function main() {
  const browser = await chromium.launch({ executablePath: ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p)), args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // Every page the person lands on, full loads and the app's client-side navigations alike.
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) loads++;
  });
  await page.goto(`${url}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("countersign-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/queue/);
  await page.locator('[data-queue-ready="true"]').waitFor();
  const before = await pendingCount(page);
  loads = 0; // count from the queue on
  const started = Date.now();

  if (mode === "select-all") {
    await press(page, "m");
    await page.getByRole("region", { name: /matching this view are selected/ }).waitFor();
    await press(page, "a");
    await press(page, "Enter");
    await page.getByRole("status").filter({ hasText: /Approved \d+ proposal/ }).waitFor({ timeout: 120_000 });
  } else if (mode === "row-keys") {
    // The highlighted row is approved with `a`; a row that stays (refused, or waiting for a second
    // approver) is passed with `j`; at the end of the loaded rows the page is reloaded (F5, one key).
    const focusedTitle = () => page.locator("tbody tr[data-focused] input[type=checkbox]").getAttribute("aria-label", { timeout: 2000 }).catch(() => null);
    let passed = 0;
    for (let n = 0; n < before * 3; n++) {
      const rows = await page.locator("tbody tr").count();
      const at = await page.locator("tbody tr").evaluateAll((trs) => trs.findIndex((tr) => tr.hasAttribute("data-focused")));
      if (rows === 0 || at < 0 || passed >= (await pendingCount(page))) break;
      const title = await focusedTitle();
      const decided = page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"], { timeout: 15_000 }).catch(() => null);
      await press(page, "a");
      await decided;
      await page.waitForLoadState("networkidle");
      if ((await focusedTitle()) !== title) continue; // approved: the next row took its place
      passed++;
      if (at >= rows - 1) {
        // End of the loaded rows: reload, then skip past the ones left pending.
        keys++;
        await page.reload();
        await page.locator('[data-queue-ready="true"]').waitFor();
        if ((await page.locator("tbody tr").count()) <= passed) break;
        for (let k = 0; k < passed; k++) await press(page, "j");
      } else await press(page, "j");
    }
  } else {
    // Each proposal opened and read on its own page, approved there, then back to the queue.
    let passed = 0; // rows left pending at the top (refused, or waiting for a second approver)
    for (let n = 0; n < before * 2; n++) {
      await page.locator('[data-queue-ready="true"]').waitFor();
      const rows = page.locator("tbody tr");
      if ((await rows.count()) <= passed) break;
      const title = await rows.nth(passed).locator("input[type=checkbox]").getAttribute("aria-label");
      for (let k = 0; k < passed; k++) await press(page, "j");
      await press(page, "Enter");
      await page.waitForURL(/\/proposals\//, { waitUntil: "commit" });
      const approve = page.getByRole("button", { name: "Approve", exact: true });
      await page.waitForLoadState("networkidle");
      let approved = false;
      if ((await approve.count()) > 0 && !(await approve.isDisabled())) {
        approved = true;
        for (let tabs = 0; tabs < 300 && !(await approve.evaluate((el) => el === document.activeElement)); tabs++) await press(page, "Tab");
        await press(page, "Enter");
        await page.locator("[role=status], [role=alert]").first().waitFor({ timeout: 15_000 }).catch(() => undefined);
      }
      // Alt+Left is the browser's own shortcut, which synthesized keys do not reach: counted as one key.
      keys++;
      await page.goBack({ waitUntil: "commit" });
      await page.waitForURL(/\/queue/, { waitUntil: "commit" });
      await page.locator('[data-queue-ready="true"]').waitFor();
      await page.waitForLoadState("networkidle");
      const titleAt = () => page.locator("tbody tr").nth(passed).locator("input[type=checkbox]").getAttribute("aria-label", { timeout: 2000 }).catch(() => null);
      if (approved && (await titleAt()) === title) {
        // The list came back from the browser's cache with the approved row still in it: F5.
        keys++;
        await page.reload();
        await page.locator('[data-queue-ready="true"]').waitFor();
      }
      if ((await titleAt()) === title) passed++; // still pending here: refused, or waiting for a second approver
    }
  }

  await page.goto(`${url}/queue`);
  await page.locator('[data-queue-ready="true"]').waitFor();
  const after = await pendingCount(page);
  console.log(JSON.stringify({ mode, email, pendingBefore: before, pendingAfter: after, decided: before - after, keystrokes: keys, pageLoads: loads - 1 /* the closing reload of /queue not counted */, seconds: Math.round((Date.now() - started) / 1000) }));
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
