// Someone who can write to the database but does not hold the signing key,
// against the production build (issue 9, parts 4 and 5). Played on the e2e
// SQLite file beside the running server, and undone afterwards so the specs
// after this one see an intact chain.
//   - A proposal set to `approved` by SQL, with no receipt: the agent's GET
//     says approved but hands out no token, and says why.
//   - The newest checkpoint deleted (triggers dropped first): `receipts:verify`
//     exits 1 naming it, the signer refuses (`receipts:checkpoint`), and the
//     /receipts panel turns red naming it.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { openE2eDatabase, proposeReleasePayment } from "../attacker-setup";
import { signIn } from "../helpers";

const port = process.env.E2E_PORT ?? "3210";

/** The CLI with its exit code and output (e2e/cli.ts throws on a non-zero exit). */
function cliResult(...args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", ...args], {
      env: { ...process.env, DATABASE_URL: `file:./.tmp/e2e-${port}.db`, CHECKPOINT_WITNESS_FILE: `.tmp/e2e-${port}-witness.jsonl`, LOG_LEVEL: "silent" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { code: 0, out };
  } catch (error) {
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    return { code: failed.status ?? 1, out: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

test("a proposal approved by SQL gets no approval token", async ({ request }) => {
  const { id, auth } = await proposeReleasePayment(request, "forgery");

  const db = openE2eDatabase();
  try {
    db.prepare(`UPDATE "Proposal" SET "status" = 'approved', "approvalCount" = "requiredApprovals" WHERE "id" = ?`).run(id);
    const view = await (await request.get(`/api/v1/proposals/${id}`, { headers: auth })).json();
    expect(view.status).toBe("approved");
    expect(view.approval_token).toBeNull();
    expect(view.approval_token_error).toMatchObject({ code: "approval_not_in_receipts", message: expect.stringMatching(/receipt chain holds no approval/) });
    expect(db.prepare(`SELECT count(*) FROM "ApprovalToken" WHERE "proposalId" = ?`).pluck().get(id)).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM "SecurityEvent" WHERE "target" = ? AND "code" = 'approval_not_in_receipts'`).pluck().get(id)).toBe(1);
  } finally {
    db.prepare(`UPDATE "Proposal" SET "status" = 'pending', "approvalCount" = 0 WHERE "id" = ?`).run(id);
    db.close();
  }
});

test("deleting the newest checkpoint is caught by receipts:verify, the signer and the /receipts panel", async ({ page }) => {
  test.setTimeout(300_000);
  // A checkpoint over the current head, written to the database and the witness.
  const signed = cliResult("receipts:checkpoint");
  expect(signed.code, signed.out).toBe(0);
  expect(cliResult("receipts:verify").code).toBe(0);

  const db = openE2eDatabase();
  const trigger = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'ChainCheckpoint_no_delete'`).pluck().get() as string;
  expect(trigger).toBeTruthy();
  const newest = db.prepare(`SELECT * FROM "ChainCheckpoint" ORDER BY "seq" DESC, "signedAt" DESC LIMIT 1`).get() as Record<string, unknown> & { seq: number };
  db.exec(`DROP TRIGGER "ChainCheckpoint_no_delete"`);
  db.prepare(`DELETE FROM "ChainCheckpoint" WHERE "id" = ?`).run(newest.id);
  try {
    const verified = cliResult("receipts:verify");
    expect(verified.code).toBe(1);
    expect(verified.out).toMatch(new RegExp(`BROKEN at checkpoint #${newest.seq}: checkpoint #${newest.seq} signed at .* is recorded by the witness .* but missing from the database`));

    const refused = cliResult("receipts:checkpoint");
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(new RegExp(`refusing to sign a checkpoint: the database lacks checkpoint #${newest.seq}`));

    // The panel's result is cached for about 30 seconds: reload until the fresh check shows.
    await signIn(page, "admin@countersign.dev");
    const panel = page.getByRole("alert").filter({ hasText: `Checkpoint #${newest.seq} missing or not matching` });
    await expect(async () => {
      await page.goto("/receipts");
      await expect(panel).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 180_000, intervals: [5_000] });
    await expect(panel).toContainText("recorded by the witness");
    await page.screenshot({ path: "test-results/receipts-checkpoint-missing.png" });
  } finally {
    // Undo: put the row back as it was and the trigger with it.
    const columns = Object.keys(newest);
    db.prepare(`INSERT INTO "ChainCheckpoint" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).run(...columns.map((c) => newest[c]));
    db.exec(trigger);
    db.close();
  }
  expect(cliResult("receipts:verify").code).toBe(0);
});
