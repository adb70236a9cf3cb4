// Signed webhooks over real HTTP against the production build: an agent
// registers a callback, a person approves in the browser, the app's own
// background worker delivers a signed event, and an admin sees the delivery
// log, including a failing receiver and "Retry now".
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { createAgentKey } from "./cli";
import { newSignedInPage, signIn } from "./helpers";
import { verifyWebhookSignature } from "../lib/webhooks/signature";

const envelope = (title: string) => ({
  queue: "accounts-payable",
  intent: "pay_vendor_bill",
  title,
  actor: { type: "user", id: "u_123", email: "ops@company.com", name: "Ops Person" },
  scopes: ["ap:read", "ap:commit"],
  risk: "medium",
  plan: [{ title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_wh" } }],
});

const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let server: Server;
let receiverUrl: string;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/countersign`;
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test("a decision made in the browser reaches the agent's callback, signed, and shows in the admin log", async ({ page, request, browser }) => {
  const name = `e2e-hook-${Date.now().toString(36)}`;
  const auth = { authorization: `Bearer ${createAgentKey(name, "admin@countersign.dev", "ap:read,ap:commit")}` };

  expect((await request.put("/api/v1/webhook", { headers: auth, data: { url: "ftp://nope.example/" } })).status()).toBe(400);
  const registered = await request.put("/api/v1/webhook", { headers: auth, data: { url: receiverUrl } });
  expect(registered.status()).toBe(200);
  const { secret } = await registered.json();
  expect(await (await request.get("/api/v1/webhook", { headers: auth })).json()).toEqual({ url: receiverUrl });

  const created = await request.post("/api/v1/proposals", { headers: auth, data: envelope(`Webhook payment ${name}`) });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  await signIn(page, "dana@countersign.dev");
  await page.goto(`/proposals/${id}`);
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByText("Approved. The agent can now proceed.")).toBeVisible();

  // The app's worker polls every WEBHOOK_POLL_SECONDS (5 s by default).
  await expect.poll(() => received.length, { timeout: 30_000 }).toBe(1);
  const got = received[0]!;
  expect(got.headers["countersign-event"]).toBe("proposal.approved");
  expect(verifyWebhookSignature(secret, got.headers["countersign-signature"] as string, got.body)).toMatchObject({ ok: true });
  const event = JSON.parse(got.body);
  expect(event).toMatchObject({ id: got.headers["countersign-delivery"], type: "proposal.approved", data: { proposal_id: id, status: "approved" } });
  expect(event.data.decision).toMatchObject({ outcome: "approved", decided_by: { email: "dana@countersign.dev" } });

  // A second agent whose receiver is down: its delivery waits for a retry.
  const downName = `${name}-down`;
  const downAuth = { authorization: `Bearer ${createAgentKey(downName, "admin@countersign.dev", "ap:read,ap:commit")}` };
  // A port that was free a moment ago: nothing listens there.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await request.put("/api/v1/webhook", { headers: downAuth, data: { url: `http://127.0.0.1:${closedPort}/unreachable` } });
  const second = await (await request.post("/api/v1/proposals", { headers: downAuth, data: envelope(`Webhook down ${downName}`) })).json();
  await page.goto(`/proposals/${second.id}`);
  await page.getByRole("button", { name: "Reject", exact: true }).click();
  await page.getByLabel("Reason").fill("Not this week");
  await page.getByRole("button", { name: "Confirm rejection" }).click();
  await expect(page.getByText("Rejected. The agent will see your reason.")).toBeVisible();

  const admin = await newSignedInPage(browser, "admin@countersign.dev");
  await admin.goto("/admin/webhooks?status=delivered");
  const delivered = admin.getByRole("row").filter({ hasText: name }).filter({ hasText: "proposal.approved" });
  await expect(delivered).toContainText("delivered");
  await expect(delivered).toContainText("HTTP 204");
  await expect(delivered.getByRole("link", { name: id })).toHaveAttribute("href", `/proposals/${id}`);
  await expect(delivered.getByRole("button", { name: /Retry now/ })).toHaveCount(0);

  await expect
    .poll(async () => {
      await admin.goto("/admin/webhooks?status=pending");
      return admin.getByRole("row").filter({ hasText: downName }).textContent();
    }, { timeout: 30_000 })
    .toContain("Could not reach the receiver");
  const pending = admin.getByRole("row").filter({ hasText: downName });
  await expect(pending).toContainText("proposal.rejected");
  await admin.screenshot({ path: "test-results/admin-webhooks.png", fullPage: true });
  await pending.getByRole("button", { name: `Retry now proposal.rejected to ${downName}` }).click();
  await expect(admin.getByText("Queued; sent within a few seconds.")).toBeVisible();
});

test("the delivery log is admin-only", async ({ page }) => {
  await signIn(page, "dana@countersign.dev");
  const response = await page.goto("/admin/webhooks");
  expect(response?.status()).toBe(404);
});
