// A proposal row planted by SQL (no signing key needed) with values no writer stores: its page renders,
// names the unreadable values in a banner that points to receipts:verify, and offers no decision; the
// agent's read is a 409 naming them. Before, the page and the agent's read were a 500
// (lib/proposals/planted-proposal.db.test.ts covers each value on both databases).
import { expect, test } from "@playwright/test";
import { openE2eDatabase, proposeReleasePayment } from "../attacker-setup";
import { signIn } from "../helpers";

test("a proposal with a plan that is not JSON and an expiry that is not a date: the page says so and offers no decision", async ({ page, request }) => {
  const { id, auth, title } = await proposeReleasePayment(request, "planted");

  const db = openE2eDatabase();
  const before = db.prepare(`SELECT "plan", "expiresAt" FROM "Proposal" WHERE "id" = ?`).get(id) as { plan: string; expiresAt: string | null };
  db.prepare(`UPDATE "Proposal" SET "plan" = '{not json', "expiresAt" = 'soon' WHERE "id" = ?`).run(id);
  try {
    const read = await request.get(`/api/v1/proposals/${id}`, { headers: auth });
    expect(read.status()).toBe(409);
    expect((await read.json()).error).toMatchObject({ code: "unreadable", unreadable: expect.arrayContaining(["plan", "expiresAt"]) });

    await signIn(page, "admin@countersign.dev");
    const response = await page.goto(`/proposals/${id}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    const banner = page.getByTestId("unreadable-values-banner");
    await expect(banner).toContainText("Some stored values of this proposal cannot be read");
    await expect(banner).toContainText("plan, expiresAt");
    await expect(banner).toContainText("receipts:verify");
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(page.getByText("cannot be decided: some of its stored values cannot be read")).toBeVisible();
  } finally {
    db.prepare(`UPDATE "Proposal" SET "plan" = ?, "expiresAt" = ? WHERE "id" = ?`).run(before.plan, before.expiresAt, id);
    db.close();
  }
});
