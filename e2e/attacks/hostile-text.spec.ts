// Attack: make the approver read something other than what runs. Over HTTP
// against the production build: hidden characters where exact text matters,
// reserved keys, lone surrogates and deep nesting are refused with 400 naming
// the path and nothing stored; hidden characters inside values are accepted and
// shown in Chromium as markers under a banner, multi-line values as blocks,
// and an artifact link with its host.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createAgentKey } from "../cli";
import { openReadOnly } from "../entry-points/fingerprint";
import { signIn } from "../helpers";

// Agent keys come from the CLI and the page renders a production build on a busy machine.
test.describe.configure({ timeout: 180_000 });

const envelope = (title: string) => ({
  queue: "accounts-payable",
  intent: "pay_vendor_bill",
  title,
  actor: { type: "user", id: "u_123", email: "ops@company.com", name: "Dana Ops" },
  scopes: ["ap:read", "ap:commit"],
  risk: "high",
  plan: [
    { title: "Match invoice", tool: "ap.match_invoice", scope: "ap:read", args: { invoice: "INV-1" } },
    { title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_1" } },
  ],
});

function proposalsOf(agentName: string): number {
  const db = openReadOnly();
  try {
    return Number(db.prepare(`SELECT count(*) FROM "Proposal" p JOIN "Agent" a ON a.id = p."agentId" WHERE a.name = ?`).pluck().get(agentName));
  } finally {
    db.close();
  }
}

async function post(request: APIRequestContext, key: string, body: string) {
  const res = await request.post("/api/v1/proposals", { headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, data: body });
  return { status: res.status(), body: await res.json() };
}

test("hidden characters in names, reserved keys, lone surrogates and deep nesting are refused with the path named", async ({ request }) => {
  const name = `e2e-hostile-${Date.now().toString(36)}`;
  const key = createAgentKey(name, "admin@countersign.dev", "ap:read,ap:commit");
  const valid = JSON.stringify(envelope("Pay Acme"));

  const cases: { what: string; body: string; path: string; message: RegExp }[] = [
    { what: "U+202E in the title", body: JSON.stringify(envelope("Pay IBAN \u202E1234")), path: "title", message: /U\+202E.*position 9/ },
    {
      what: "a zero-width space in a key",
      body: valid.replace('"args":{"payment_id"', '"args":{"payment_id\u200B":"pay_2","payment_id"'),
      path: "plan[1].args.payment_id\\u{200B}",
      message: /U\+200B/,
    },
    { what: "a __proto__ key", body: valid.replace('"args":{"invoice"', '"args":{"__proto__":{"admin":true},"invoice"'), path: "plan[0].args.__proto__", message: /reserved/ },
    { what: "a lone surrogate", body: valid.replace('"INV-1"', '"INV-\\ud800"'), path: "plan[0].args.invoice", message: /lone surrogate/ },
    { what: "5,000-deep JSON", body: valid.replace('"INV-1"', "[".repeat(5000) + "]".repeat(5000)), path: "(body)", message: /deeper than 64/ },
  ];
  for (const c of cases) {
    const res = await post(request, key, c.body);
    expect(res.status, c.what).toBe(400);
    expect(res.body.error.code, c.what).toBe("invalid_envelope");
    expect(res.body.error.issues[0], c.what).toMatchObject({ path: c.path, message: expect.stringMatching(c.message) });
    expect(res.body.error.message, c.what).toContain(c.path === "(body)" ? "nested deeper" : c.path);
  }
  expect(proposalsOf(name)).toBe(0);
});

test("hidden characters inside values are accepted and shown: markers, a banner, blocks for multi-line text, hosts for links", async ({ page, request }) => {
  const name = `e2e-visible-${Date.now().toString(36)}`;
  const key = createAgentKey(name, "admin@countersign.dev", "ap:read,ap:commit");
  const title = `Pay supplier ${Date.now().toString(36)}`;
  const body = {
    ...envelope(title),
    plan: [
      { title: "Match invoice", tool: "ap.match_invoice", scope: "ap:read", args: { invoice: "INV-1" } },
      { title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { iban: "DE89\u202E37040044", memo: "Line one\namount: 1.00" } },
    ],
    changes: [
      { target: { type: "email_draft", id: "em_1", label: "Remittance email" }, format: "text", before: "", after: "Hello team,\npay to DE89\u202E3704 today" },
    ],
    artifacts: [{ type: "invoice", label: "Invoice PDF (erp.example)", url: "https://erp.example@evil.example/invoice.pdf" }],
  };
  const res = await post(request, key, JSON.stringify(body));
  expect(res.status).toBe(201);

  await signIn(page, "sam@countersign.dev");
  await page.goto(`/proposals/${res.body.id}`);
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "This proposal contains invisible or direction-changing characters" })).toBeVisible();

  // The argument's U+202E is a visible marker, not a reversal.
  const args = page.getByRole("list", { name: "Plan steps" });
  const marker = args.locator('[data-hidden-char="U+202E"]');
  await expect(marker).toHaveCount(1);
  await expect(marker).toBeVisible();
  await expect(marker).toHaveAttribute("title", /U\+202E \(right-to-left override\)/);
  await expect(marker).toContainText("⟨U+202E⟩");
  // And in the email body's diff.
  await expect(page.getByRole("article", { name: "Change to Remittance email" }).locator('[data-hidden-char="U+202E"]').first()).toBeVisible();

  // A multi-line value is one bordered block, not extra rows of the tree.
  const block = args.locator('[data-agent-text="block"]');
  await expect(block).toHaveCount(1);
  await expect(block).toContainText("Line one");
  expect(await block.evaluate((el) => getComputedStyle(el).display)).toBe("block");
  expect(await block.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe("solid");

  // The artifact shows the URL and its real host, whatever its label says.
  const artifacts = page.getByRole("region", { name: "Artifacts and trace" });
  await expect(artifacts.locator('[data-url-host="evil.example"]')).toBeVisible();
  await expect(artifacts.getByRole("link", { name: /evil\.example\/invoice\.pdf/ })).toHaveAttribute("href", "https://erp.example@evil.example/invoice.pdf");

  // Risk and the person acted for are marked as declared by the agent.
  await expect(page.locator('[data-declared="risk"]')).toBeVisible();
  await expect(page.locator('[data-declared="risk"]')).toHaveAttribute("title", /Declared by the agent/);
  await expect(page.locator('[data-declared="person or service it acts for"]')).toBeVisible();
  await page.screenshot({ path: "test-results/hostile-text.png", fullPage: true });

  // The queue row shows the marker too when a title held one (titles are refused, so check a clean row renders plainly).
  await page.goto("/queue?queue=accounts-payable");
  await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
});
