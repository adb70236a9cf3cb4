// Issue 9.1, "the agent picks its own approvers": an agent holding ap:commit
// sends a payment into a queue run by other people (crm-updates). Played over
// HTTP against the production build; refused with 403 queue_not_allowed,
// nothing stored, a security-log row. Then an admin changes a queue's domains
// in Chromium and the very next proposal follows the new rule.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createAgentKey } from "../cli";
import { signIn } from "../helpers";
import { openReadOnly } from "../entry-points/fingerprint";

// The CLI (agent keys) and sign-in are slow on a busy machine.
test.describe.configure({ timeout: 240_000 });

const payment = (queue: string, title: string) => ({
  queue,
  intent: "pay_vendor_bill",
  title,
  actor: { type: "user", id: "u_9", email: "ops@company.com", name: "Dana Ops" },
  scopes: ["ap:read", "ap:commit"],
  risk: "high",
  plan: [
    { title: "Match invoice", tool: "ap.match_invoice", scope: "ap:read", args: { invoice: "INV-9" } },
    { title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_9", amount: "48000.00" } },
  ],
});

async function propose(request: APIRequestContext, key: string, queue: string, title: string) {
  const response = await request.post("/api/v1/proposals", { headers: { authorization: `Bearer ${key}` }, data: payment(queue, title) });
  return { status: response.status(), body: await response.json() };
}

function stored(title: string, agentName: string) {
  const db = openReadOnly();
  try {
    return {
      proposals: Number(db.prepare(`SELECT count(*) FROM "Proposal" WHERE title = ?`).pluck().get(title)),
      events: db.prepare(`SELECT e.code, e.rule, e.action, e.actorType, e.message FROM "SecurityEvent" e JOIN "Agent" a ON a.id = e.actorId WHERE a.name = ?`).all(agentName) as {
        code: string;
        rule: string;
        action: string;
        actorType: string;
        message: string;
      }[],
    };
  } finally {
    db.close();
  }
}

test("an agent with ap:commit cannot send a payment into crm-updates: 403 queue_not_allowed, nothing stored, logged", async ({ request }) => {
  const suffix = Date.now().toString(36);
  const name = `attack-ap-${suffix}`;
  const key = createAgentKey(name, "vic@countersign.dev", "ap:read,ap:commit");
  const title = `Attack: payment routed to CRM approvers ${suffix}`;

  const refused = await propose(request, key, "crm-updates", title);
  expect(refused.status).toBe(403);
  expect(refused.body.error).toMatchObject({ code: "queue_not_allowed", queue: "crm-updates", domains: ["ap"] });
  expect(refused.body.error.message).toMatch(/^Queue crm-updates does not govern scope domain ap; it governs crm\./);

  const after = stored(title, name);
  expect(after.proposals).toBe(0);
  expect(after.events).toEqual([
    { code: "queue_not_allowed", rule: "queue_domains", action: "POST /api/v1/proposals", actorType: "agent", message: refused.body.error.message },
  ]);

  // The same payment in the queue that governs ap is accepted, so the refusal is the queue's rule, not the grant.
  const accepted = await propose(request, key, "accounts-payable", `${title} (to AP)`);
  expect(accepted.status).toBe(201);
});

async function queueRow(page: Page, slug: string) {
  return page.locator(`tr[data-queue="${slug}"]`);
}

test("an admin creates a queue and changes its domains in the browser; the next proposal follows the new rule", async ({ page, request, browser }) => {
  const suffix = Date.now().toString(36);
  const slug = `vendor-ops-${suffix}`;
  const name = `attack-admin-${suffix}`;
  const key = createAgentKey(name, "vic@countersign.dev", "ap:read,ap:commit");

  await signIn(page, "admin@countersign.dev");
  await page.goto("/admin/queues");
  await expect(page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Queues" })).toHaveAttribute("aria-current", "page");
  // The demo queues, each with the domains of its agent.
  await expect((await queueRow(page, "crm-updates")).getByRole("list", { name: "Domains of crm-updates" })).toHaveText("crm");
  await expect((await queueRow(page, "customer-email")).getByRole("list", { name: "Domains of customer-email" })).toHaveText(/email\s*support/);

  // A bad domain is refused readably; nothing is created.
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Name", { exact: true }).fill("Vendor operations");
  await page.getByLabel("Scope domains", { exact: true }).fill("vendors, AP");
  await page.getByRole("button", { name: "Create queue" }).click();
  await expect(page.getByText(/"AP" is not a scope domain/)).toBeVisible();

  await page.getByLabel("Scope domains", { exact: true }).fill("vendors");
  await page.getByRole("button", { name: "Create queue" }).click();
  await expect(page.getByText(`Created queue ${slug}, governing vendors.`)).toBeVisible();
  await page.reload();
  const row = await queueRow(page, slug);
  await expect(row.getByRole("list", { name: `Domains of ${slug}` })).toHaveText("vendors");

  // Governs vendors only: a payment is refused.
  const first = await propose(request, key, slug, `Payment into ${slug} before`);
  expect(first.status).toBe(403);
  expect(first.body.error.code).toBe("queue_not_allowed");

  // The admin adds ap; the very next proposal is accepted.
  await row.getByLabel(`Scope domains governed by ${slug}`).fill("vendors, ap");
  await row.getByRole("button", { name: `Save domains of ${slug}` }).click();
  await expect(row.getByText(`Saved: ${slug} now governs ap, vendors.`)).toBeVisible();
  const second = await propose(request, key, slug, `Payment into ${slug} after`);
  expect(second.status, JSON.stringify(second.body)).toBe(201);

  // And takes it away again: refused at once.
  await row.getByLabel(`Scope domains governed by ${slug}`).fill("vendors");
  await row.getByRole("button", { name: `Save domains of ${slug}` }).click();
  await expect(row.getByText(`Saved: ${slug} now governs vendors.`)).toBeVisible();
  expect((await propose(request, key, slug, `Payment into ${slug} again`)).body.error.code).toBe("queue_not_allowed");

  // An empty list is refused: a queue always governs something.
  await row.getByLabel(`Scope domains governed by ${slug}`).fill(" ");
  await row.getByRole("button", { name: `Save domains of ${slug}` }).click();
  await expect(row.getByText(/at least one scope domain/)).toBeVisible();

  // Every change is a receipt naming the admin.
  const db = openReadOnly();
  try {
    const receipts = db
      .prepare(`SELECT kind, actorId, payload FROM "Receipt" WHERE kind IN ('queue_created', 'queue_setting_changed') AND payload LIKE ? ORDER BY seq`)
      .all(`%"${slug}"%`) as { kind: string; actorId: string; payload: string }[];
    const adminId = db.prepare(`SELECT id FROM "User" WHERE email = 'admin@countersign.dev'`).pluck().get();
    expect(receipts.map((r) => [r.kind, r.actorId, JSON.parse(r.payload).after ?? JSON.parse(r.payload).domains])).toEqual([
      ["queue_created", adminId, ["vendors"]],
      ["queue_setting_changed", adminId, ["ap", "vendors"]],
      ["queue_setting_changed", adminId, ["vendors"]],
    ]);
  } finally {
    db.close();
  }
  await page.goto(`/receipts?kind=queue_setting_changed`);
  await expect(page.getByRole("table").getByText("queue_setting_changed").first()).toBeVisible();

  // A non-admin does not even learn the page exists.
  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, "vic@countersign.dev");
  expect((await other.goto("/admin/queues"))?.status()).toBe(404);
  await context.close();
});
