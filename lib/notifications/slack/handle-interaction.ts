import "server-only";
// Deciding from Slack, as a named person. Order matters:
//   1. Slack's v0 signature over the raw body, and a fresh timestamp: nothing
//      is parsed or looked up before (verify-signature.ts);
//   2. the Slack user must be linked to an active Countersign account by a
//      one-time link that person confirmed while signed in (link-account.ts);
//      an unlinked user gets a fresh link, never a decision;
//   3. the queue may require the browser (critical risk, edited proposals);
//   4. the decision itself is decideProposals, the browser's own function:
//      the same Cedar checks per item, quorum, separation of duties, version
//      check and receipts. The decision receipt names the person with
//      auth_method "slack"; a decided_via_slack receipt beside it records the
//      Slack user and workspace (the decision function takes no extra context).
// The message is updated through the response_url the interaction carries,
// via the notification outbox (guarded dispatcher, retries, admin log).
import { z } from "zod";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/base/app-error";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/roles/roles";
import { decideProposals, type DecideResult } from "@/lib/proposals/decide-proposals";
import { appendReceipt } from "@/lib/receipts/append-receipt";
import { userActor } from "@/lib/users/user-actor";
import { recordRefusal } from "@/lib/security/record-refusal";
import { enqueueNotification } from "@/lib/notifications/outbox";
import { factsSelect, toFacts } from "@/lib/notifications/proposal-facts";
import { proposalUrl } from "@/lib/notifications/proposal-link";
import { slackBlocks, SLACK_APPROVE, SLACK_REJECT } from "@/lib/notifications/chat-payload";
import { verifySlackSignature } from "@/lib/notifications/slack/verify-signature";
import { createSlackLinkCode, linkedUser } from "@/lib/notifications/slack/link-account";
import { openSlackView, rejectModal, REJECT_CALLBACK_ID } from "@/lib/notifications/slack/slack-api";

export type InteractionResult = {
  status: number;
  /** The HTTP answer to Slack (for view_submission it controls the modal). */
  body: Record<string, unknown>;
  /** The message update queued for the response_url, to send at once. */
  deliveryId?: string | null;
};

const buttonValue = z.object({ p: z.string().min(1).max(100), v: z.number().int().min(1) });
const blockActions = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().min(1).max(64) }),
  team: z.object({ id: z.string().min(1).max(64) }).nullable().optional(),
  trigger_id: z.string().max(200).optional(),
  response_url: z.url().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().max(2000).optional() })).min(1),
});
const viewSubmission = z.object({
  type: z.literal("view_submission"),
  user: z.object({ id: z.string().min(1).max(64), team_id: z.string().max(64).optional() }),
  team: z.object({ id: z.string().min(1).max(64) }).nullable().optional(),
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string().max(3000),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullable().optional() }))) }),
  }),
});
const modalMetadata = buttonValue.extend({ r: z.url().optional() });

function json(status: number, body: Record<string, unknown>, deliveryId?: string | null): InteractionResult {
  return { status, body, deliveryId };
}

async function refuse(code: string, message: string, target: string | null, status = 401): Promise<InteractionResult> {
  await recordRefusal({ actor: { type: "anonymous" }, action: "POST /api/slack/interactions", target, code, message });
  return json(status, { error: { code, message } });
}

/** Queues a message to the interaction's response_url: an ephemeral note, or (replace) the updated proposal message. */
async function respond(responseUrl: string | undefined, message: Record<string, unknown>): Promise<string | null> {
  if (!responseUrl) return null;
  return enqueueNotification({
    channel: "chat",
    kind: "slack_update",
    dedupeKey: `slack:${crypto.randomUUID()}`,
    target: responseUrl,
    body: JSON.stringify(message),
  });
}

const ephemeral = (text: string) => ({ response_type: "ephemeral", replace_original: false, text });

/** Decides one proposal for a linked Slack user; the text to show, and whether the original message is replaced. */
async function decideFromSlack(
  user: CurrentUser,
  slack: { teamId: string; userId: string },
  proposalId: string,
  version: number,
  outcome: "approved" | "rejected",
  reason: string | undefined,
): Promise<{ ok: boolean; text: string; replace?: Record<string, unknown>; code?: string }> {
  const p = await db.proposal.findUnique({ where: { id: proposalId }, select: { ...factsSelect, queueId: true, commitEditedById: true } });
  if (!p) return { ok: false, code: "not_found", text: "No such proposal." };
  const rules = await db.queueNotificationSetting.findUnique({ where: { queueId: p.queueId }, select: { browserOnlyCritical: true, browserOnlyEdited: true } });
  const edited = p.version > 1 || p.commitEditedById !== null;
  const browserReason =
    rules?.browserOnlyCritical && p.risk === "critical"
      ? "This queue decides critical-risk proposals in the browser only."
      : rules?.browserOnlyEdited && edited
        ? "This queue decides edited proposals in the browser only."
        : null;
  if (browserReason) {
    await recordRefusal({ actor: { type: "user", id: user.id, email: user.email, role: user.role }, action: `slack:decide:${outcome}`, target: proposalId, code: "browser_required", message: browserReason });
    return { ok: false, code: "browser_required", text: `${browserReason} Open it: ${proposalUrl(proposalId)}` };
  }
  let result: DecideResult;
  try {
    result = await decideProposals(user, { ids: [proposalId], outcome, reason, versions: { [proposalId]: version } });
  } catch (error) {
    if (error instanceof AppError) {
      await recordRefusal({ actor: { type: "user", id: user.id, email: user.email, role: user.role }, action: `slack:decide:${outcome}`, target: proposalId, code: error.code, message: error.message });
      return { ok: false, code: error.code, text: `Not decided: ${error.message}` };
    }
    throw error;
  }
  const skipped = result.skipped[0];
  if (skipped) return { ok: false, code: skipped.reason, text: `Not decided: ${skipped.message}` };
  const recorded = result.recorded[0];
  await db.$transaction(async (tx) => {
    await appendReceipt(tx, {
      kind: "decided_via_slack",
      actor: userActor(user),
      proposalId,
      batchId: result.batchId,
      reason,
      payload: { via: "slack", slack_user_id: slack.userId, slack_team_id: slack.teamId, outcome, final: !recorded, batch_id: result.batchId },
    });
  });
  if (recorded) {
    return { ok: true, text: `Your approval is recorded (${recorded.approvals} of ${recorded.required}); it waits for more approvers.` };
  }
  const fresh = await db.proposal.findUniqueOrThrow({ where: { id: proposalId }, select: factsSelect });
  const message = slackBlocks(toFacts(fresh), { interactive: false, outcome: { status: fresh.status, by: user.name || user.email, via: "Slack", reason: reason ?? null } });
  return { ok: true, text: message.text, replace: { replace_original: true, ...message } };
}

async function slackUserAsPerson(teamId: string, userId: string): Promise<CurrentUser | null> {
  const user = await linkedUser(teamId, userId);
  if (!user) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, authMethod: "slack" };
}

async function notLinked(teamId: string, userId: string, responseUrl: string | undefined): Promise<InteractionResult> {
  const link = await createSlackLinkCode(teamId, userId);
  await recordRefusal({ actor: { type: "anonymous" }, action: "POST /api/slack/interactions", target: `slack:${teamId}/${userId}`, code: "slack_user_not_linked", message: "A Slack user who is not linked to a Countersign account tried to decide." });
  const text = `Your Slack account is not linked to Countersign yet. Open this one-time link (valid 15 minutes), sign in and confirm, then click again: ${link.url}`;
  return json(200, { ok: false, code: "slack_user_not_linked", text }, await respond(responseUrl, ephemeral(text)));
}

/** Handles one POST from Slack's interactivity: headers and the raw body exactly as received. */
export async function handleSlackInteraction(rawBody: string, headers: Headers, now = new Date()): Promise<InteractionResult> {
  const secret = env().SLACK_SIGNING_SECRET;
  // Unconfigured, nothing can be verified: refused like a bad signature (and logged: someone is calling).
  if (!secret) return refuse("slack_not_configured", "Slack interactivity is not configured on this server (SLACK_SIGNING_SECRET).", null);
  const check = verifySlackSignature(secret, headers.get("x-slack-request-timestamp"), headers.get("x-slack-signature"), rawBody, now);
  if (!check.ok) return refuse(check.code, check.message, null);

  let payload: unknown;
  try {
    payload = JSON.parse(new URLSearchParams(rawBody).get("payload") ?? "");
  } catch {
    return json(400, { error: { code: "invalid_body", message: "Expected a form body with a JSON payload field." } });
  }
  const kind = (payload as { type?: unknown } | null)?.type;

  if (kind === "block_actions") {
    const parsed = blockActions.safeParse(payload);
    if (!parsed.success) return json(400, { error: { code: "invalid_body", message: "Not a block_actions payload this app sent." } });
    const { user: slackUser, team, actions, response_url: responseUrl, trigger_id: triggerId } = parsed.data;
    const action = actions[0]!;
    if (action.action_id !== SLACK_APPROVE && action.action_id !== SLACK_REJECT) return json(200, { ok: true, ignored: action.action_id });
    let value: z.infer<typeof buttonValue>;
    try {
      value = buttonValue.parse(JSON.parse(action.value ?? ""));
    } catch {
      return json(400, { error: { code: "invalid_body", message: "The button carries no proposal." } });
    }
    const teamId = team?.id ?? "-";
    const person = await slackUserAsPerson(teamId, slackUser.id);
    if (!person) return notLinked(teamId, slackUser.id, responseUrl);

    if (action.action_id === SLACK_REJECT) {
      const proposal = await db.proposal.findUnique({ where: { id: value.p }, select: { title: true } });
      const opened = triggerId && proposal ? await openSlackView(triggerId, rejectModal(proposal.title, JSON.stringify({ ...value, r: responseUrl }))) : { ok: false };
      if (opened.ok) return json(200, { ok: true, modal: "opened" });
      const text = `A rejection needs a reason: reject it in Countersign: ${proposalUrl(value.p)}`;
      return json(200, { ok: false, code: "modal_unavailable", text }, await respond(responseUrl, ephemeral(text)));
    }
    const decided = await decideFromSlack(person, { teamId, userId: slackUser.id }, value.p, value.v, "approved", undefined);
    const deliveryId = await respond(responseUrl, decided.replace ?? ephemeral(decided.text));
    return json(200, { ok: decided.ok, code: decided.code, text: decided.text }, deliveryId);
  }

  if (kind === "view_submission") {
    const parsed = viewSubmission.safeParse(payload);
    if (!parsed.success || parsed.data.view.callback_id !== REJECT_CALLBACK_ID) return json(400, { error: { code: "invalid_body", message: "Not a view this app opened." } });
    const { user: slackUser, team, view } = parsed.data;
    const teamId = team?.id ?? slackUser.team_id ?? "-";
    let meta: z.infer<typeof modalMetadata>;
    try {
      meta = modalMetadata.parse(JSON.parse(view.private_metadata));
    } catch {
      return json(400, { error: { code: "invalid_body", message: "The view carries no proposal." } });
    }
    const reason = view.state.values.reason?.reason?.value?.trim();
    if (!reason) return json(200, { response_action: "errors", errors: { reason: "A rejection needs a reason." } });
    const person = await slackUserAsPerson(teamId, slackUser.id);
    if (!person) {
      const link = await createSlackLinkCode(teamId, slackUser.id);
      return json(200, { response_action: "errors", errors: { reason: `Your Slack account is not linked. Confirm it first: ${link.url}` } });
    }
    const decided = await decideFromSlack(person, { teamId, userId: slackUser.id }, meta.p, meta.v, "rejected", reason.slice(0, 2000));
    if (!decided.ok) return json(200, { response_action: "errors", errors: { reason: decided.text } });
    const deliveryId = await respond(meta.r, decided.replace ?? ephemeral(decided.text));
    // An empty answer closes the modal.
    return json(200, {}, deliveryId);
  }

  return json(200, { ok: true, ignored: String(kind) });
}
