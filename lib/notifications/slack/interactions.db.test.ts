// Deciding from Slack, replayed: signed interaction payloads as Slack sends
// them (form body, payload=<json>, v0 signature), against the real decision
// path and a real database; local receivers stand in for the response_url and
// Slack's views.open.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const SECRET = vi.hoisted(() => {
  process.env.SLACK_SIGNING_SECRET = "slack-test-signing-secret";
  process.env.SLACK_BOT_TOKEN = "xoxb-test-token";
  return "slack-test-signing-secret";
});

import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import { startWebhookReceiver } from "@/test-support/webhook-receiver";
import { handleSlackInteraction } from "@/lib/notifications/slack/handle-interaction";
import { slackSignature } from "@/lib/notifications/slack/verify-signature";
import { confirmSlackLink, createSlackLinkCode } from "@/lib/notifications/slack/link-account";
import { deliverDueNotifications } from "@/lib/notifications/deliver-notifications";
import { setQueueNotificationSettings } from "@/lib/notifications/queue-settings";
import type { CurrentUser } from "@/lib/auth/current-user";

let responses: Awaited<ReturnType<typeof startWebhookReceiver>>;
/** Slack's Web API as a local server: records each call and answers {"ok":true}, as views.open does. */
async function startSlackApi() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}
let slackApi: Awaited<ReturnType<typeof startSlackApi>>;
beforeAll(async () => {
  responses = await startWebhookReceiver([200]);
  slackApi = await startSlackApi();
  // The configuration is read once, before the port is known: point it here.
  Object.assign(env(), { SLACK_API_URL: slackApi.url });
});
afterAll(async () => {
  await responses.close();
  await slackApi.close();
});

const TEAM = "T0TEST";

function signedRequest(payload: unknown, options: { at?: Date; secret?: string; tamper?: boolean } = {}) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const ts = String(Math.floor((options.at ?? new Date()).getTime() / 1000));
  const signature = slackSignature(options.secret ?? SECRET, ts, body);
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": ts, "x-slack-signature": signature });
  return { body: options.tamper ? body.replace("countersign_approve", "countersign_approvf") : body, headers };
}

function click(slackUserId: string, proposalId: string, action = "countersign_approve", version = 1) {
  return {
    type: "block_actions",
    user: { id: slackUserId, username: "someone" },
    team: { id: TEAM },
    trigger_id: `trigger-${slackUserId}`,
    response_url: responses.url,
    actions: [{ action_id: action, value: JSON.stringify({ p: proposalId, v: version }) }],
  };
}

async function send(payload: unknown, options: Parameters<typeof signedRequest>[1] = {}) {
  const { body, headers } = signedRequest(payload, options);
  const result = await handleSlackInteraction(body, headers);
  if (result.deliveryId) await deliverDueNotifications({ ids: [result.deliveryId] });
  return result;
}

let slackUsers = 0;
async function linked(user: CurrentUser): Promise<string> {
  const slackUserId = `U${Date.now()}${slackUsers++}`;
  const { code } = await createSlackLinkCode(TEAM, slackUserId);
  await confirmSlackLink(user, { code });
  return slackUserId;
}

async function pendingProposal(overrides: Parameters<typeof sampleEnvelope>[1] = {}) {
  const world = await createTestWorld();
  const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { risk: "medium", ...overrides }));
  expect(res.status).toBe(201);
  return { world, id: res.body.id as string };
}

const lastResponse = () => JSON.parse(responses.received.at(-1)!.body) as Record<string, unknown> & { text: string };

describe("Slack interactions: verification", { timeout: 120_000 }, () => {
  it("refuses a body whose signature does not match, and logs it", async () => {
    const { id } = await pendingProposal();
    const approver = await createTestUser("approver");
    const slackUser = await linked(approver);
    const result = await send(click(slackUser, id), { tamper: true });
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ error: { code: "slack_signature_invalid" } });
    const wrongSecret = await send(click(slackUser, id), { secret: "someone-elses-secret" });
    expect(wrongSecret.status).toBe(401);
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    expect(await db.securityEvent.count({ where: { code: "slack_signature_invalid" } })).toBeGreaterThan(0);
  });

  it("refuses a correctly signed request older than five minutes (a replay)", async () => {
    const { id } = await pendingProposal();
    const approver = await createTestUser("approver");
    const slackUser = await linked(approver);
    const result = await send(click(slackUser, id), { at: new Date(Date.now() - 6 * 60_000) });
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ error: { code: "slack_timestamp_stale" } });
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
  });

  it("answers an unlinked Slack user with a one-time link, decides nothing, and links only after the signed-in person confirms", async () => {
    const { id } = await pendingProposal();
    const approver = await createTestUser("approver", "Link Approver");
    const result = await send(click("UNLINKED1", id));
    expect(result.body).toMatchObject({ ok: false, code: "slack_user_not_linked" });
    expect(lastResponse()).toMatchObject({ response_type: "ephemeral", replace_original: false });
    const url = /http:\/\/countersign\.test\/login\?callbackUrl=%2Faccount%2Fslack-link%3Fcode%3D([\w-]+)/.exec(lastResponse().text);
    expect(url).not.toBeNull();
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("pending");

    await confirmSlackLink(approver, { code: url![1]! });
    // One use only.
    await expect(confirmSlackLink(approver, { code: url![1]! })).rejects.toMatchObject({ code: "link_expired" });
    const receipt = await db.receipt.findFirstOrThrow({ where: { kind: "slack_linked", actorId: approver.id } });
    expect(receipt.payload).toMatchObject({ slack_user_id: "UNLINKED1", slack_team_id: TEAM, linked: true });
    expect((await send(click("UNLINKED1", id))).body).toMatchObject({ ok: true });
  });

  it("refuses an expired link code", async () => {
    const approver = await createTestUser("approver");
    const { code } = await createSlackLinkCode(TEAM, "UEXPIRED", new Date(Date.now() - 16 * 60_000));
    await expect(confirmSlackLink(approver, { code })).rejects.toMatchObject({ code: "link_expired" });
  });
});

describe("Slack interactions: deciding as a named person", { timeout: 120_000 }, () => {
  it("lets a linked approver approve: the browser's decision, a receipt with via slack and the Slack user, and the message updated", async () => {
    const { id } = await pendingProposal({ title: "Slack approval target" });
    const approver = await createTestUser("approver", "Sam Slack");
    const slackUser = await linked(approver);
    const result = await send(click(slackUser, id));
    expect(result.body).toMatchObject({ ok: true });
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("approved");

    const decision = await db.receipt.findFirstOrThrow({ where: { proposalId: id, kind: "approved" } });
    expect(decision.actor).toMatchObject({ type: "user", id: approver.id, auth_method: "slack" });
    const via = await db.receipt.findFirstOrThrow({ where: { proposalId: id, kind: "decided_via_slack" } });
    expect(via.payload).toMatchObject({ via: "slack", slack_user_id: slackUser, slack_team_id: TEAM, outcome: "approved", final: true });
    expect(via.batchId).toBe(decision.batchId);

    const update = lastResponse() as { replace_original: boolean; text: string; blocks: { type: string; elements?: { text?: string }[] }[] };
    expect(update.replace_original).toBe(true);
    expect(update.text).toContain("Approved by Sam Slack via Slack");
    expect(JSON.stringify(update.blocks)).not.toContain("countersign_approve");

    // A double click: a second signed click changes nothing and says why.
    const again = await send(click(slackUser, id));
    expect(again.body).toMatchObject({ ok: false, code: "already_decided" });
    expect(await db.receipt.count({ where: { proposalId: id, kind: { in: ["approved", "approval", "decided_via_slack"] } } })).toBe(
      await db.receipt.count({ where: { proposalId: id, kind: { in: ["approved", "approval", "decided_via_slack"] }, createdAt: { lte: via.createdAt } } }),
    );
    expect(lastResponse()).toMatchObject({ response_type: "ephemeral" });
  });

  it("refuses a linked viewer", async () => {
    const { id } = await pendingProposal();
    const viewer = await createTestUser("viewer");
    const result = await send(click(await linked(viewer), id));
    expect(result.body).toMatchObject({ ok: false, code: "forbidden" });
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
  });

  it("refuses the agent's sponsor (separation of duties), as in the browser", async () => {
    const { world, id } = await pendingProposal();
    const sponsor: CurrentUser = { id: world.sponsor.id, email: world.sponsor.email, name: world.sponsor.name, role: "approver", authMethod: "password" };
    const result = await send(click(await linked(sponsor), id));
    expect(result.body).toMatchObject({ ok: false, code: "separation_of_duties" });
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
  });

  it("rejects with a reason from a modal: Reject opens the modal, its submission decides", async () => {
    const { id } = await pendingProposal({ title: "Slack reject target" });
    const approver = await createTestUser("approver", "Rita Reject");
    const slackUser = await linked(approver);
    const opened = await send(click(slackUser, id, "countersign_reject"));
    expect(opened.body).toMatchObject({ ok: true, modal: "opened" });
    const call = slackApi.received.at(-1)!;
    expect(call.headers.authorization).toBe("Bearer xoxb-test-token");
    const { trigger_id, view } = JSON.parse(call.body) as { trigger_id: string; view: { callback_id: string; private_metadata: string } };
    expect(trigger_id).toBe(`trigger-${slackUser}`);
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("pending");

    const submit = (reason: string | null) => ({
      type: "view_submission",
      user: { id: slackUser, team_id: TEAM },
      team: { id: TEAM },
      view: { callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: { reason: { reason: { value: reason } } } } },
    });
    expect((await send(submit("  "))).body).toMatchObject({ response_action: "errors" });
    const done = await send(submit("Vendor bank details changed last week"));
    expect(done.body).toEqual({});
    const p = await db.proposal.findUniqueOrThrow({ where: { id }, select: { status: true, decisions: { select: { reason: true } } } });
    expect(p.status).toBe("rejected");
    expect(p.decisions[0]!.reason).toBe("Vendor bank details changed last week");
    expect(lastResponse().text).toContain("Rejected by Rita Reject via Slack: Vendor bank details changed last week");
  });

  it("requires the browser where the queue says so (critical risk)", async () => {
    const { world, id } = await pendingProposal({ risk: "critical" });
    const admin = await createTestUser("admin");
    await setQueueNotificationSettings(admin, { queueId: world.queue.id, browserOnlyCritical: true });
    const approver = await createTestUser("approver");
    const result = await send(click(await linked(approver), id));
    expect(result.body).toMatchObject({ ok: false, code: "browser_required" });
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
  });
});
