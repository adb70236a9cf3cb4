import "server-only";
// Linking a Slack user to a Countersign account. Slack vouches for the user id
// (the interaction is signed with the app's secret); the person vouches for
// the account by opening a one-time link while signed in and confirming. There
// is no matching by name or email: a Slack display name is whatever anyone sets.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import type { CurrentUser } from "@/lib/auth/current-user";
import { appendReceipt } from "@/lib/receipts/append-receipt";
import { userActor } from "@/lib/users/user-actor";
import { appUrl } from "@/lib/notifications/proposal-link";

export const LINK_TTL_MS = 15 * 60_000;

const hashCode = (code: string) => createHash("sha256").update(code).digest("hex");

/** A fresh one-time link for this Slack user (any earlier unconfirmed code stops working). */
export async function createSlackLinkCode(slackTeamId: string, slackUserId: string, now = new Date()): Promise<{ url: string; code: string }> {
  const code = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + LINK_TTL_MS);
  await db.slackLink.upsert({
    where: { slackTeamId_slackUserId: { slackTeamId, slackUserId } },
    create: { slackTeamId, slackUserId, codeHash: hashCode(code), expiresAt },
    // An existing confirmed link is kept until the new code is confirmed.
    update: { codeHash: hashCode(code), expiresAt },
  });
  return { code, url: appUrl(`/account/slack-link?code=${encodeURIComponent(code)}`) };
}

export const slackLinkCodeInput = z.object({ code: z.string().min(20).max(200) });

/** What a link code would link, for the confirmation page; null when the code is unknown, used or expired. */
export async function describeSlackLinkCode(code: string, now = new Date()): Promise<{ slackTeamId: string; slackUserId: string } | null> {
  const row = await db.slackLink.findUnique({ where: { codeHash: hashCode(code) }, select: { slackTeamId: true, slackUserId: true, expiresAt: true } });
  if (!row || row.expiresAt <= now) return null;
  return { slackTeamId: row.slackTeamId, slackUserId: row.slackUserId };
}

/** The signed-in person confirms: the Slack user now acts as them. One use: the code is cleared in the same write. */
export async function confirmSlackLink(user: CurrentUser, raw: z.input<typeof slackLinkCodeInput>, now = new Date()) {
  const { code } = slackLinkCodeInput.parse(raw);
  return db.$transaction(async (tx) => {
    const row = await tx.slackLink.findUnique({ where: { codeHash: hashCode(code) } });
    if (!row || row.expiresAt <= now) {
      throw new AppError("not_found", "link_expired", "This link is used or expired. Click Approve or Reject in Slack again for a new one.");
    }
    const won = await tx.slackLink.updateMany({ where: { id: row.id, codeHash: hashCode(code) }, data: { userId: user.id, confirmedAt: now, codeHash: null } });
    if (won.count !== 1) throw new AppError("conflict", "link_expired", "This link was just used.");
    await appendReceipt(tx, {
      kind: "slack_linked",
      actor: userActor(user),
      payload: { slack_team_id: row.slackTeamId, slack_user_id: row.slackUserId, linked: true },
      at: now,
    });
    return { slackTeamId: row.slackTeamId, slackUserId: row.slackUserId };
  });
}

export const unlinkSlackInput = z.object({ id: z.string().min(1).max(100) });

export async function unlinkSlack(user: CurrentUser, raw: z.input<typeof unlinkSlackInput>) {
  const { id } = unlinkSlackInput.parse(raw);
  return db.$transaction(async (tx) => {
    const row = await tx.slackLink.findFirst({ where: { id, userId: user.id } });
    if (!row) throw new AppError("not_found", "not_found", "No such Slack link on your account.");
    await tx.slackLink.delete({ where: { id: row.id } });
    await appendReceipt(tx, { kind: "slack_linked", actor: userActor(user), payload: { slack_team_id: row.slackTeamId, slack_user_id: row.slackUserId, linked: false } });
    return { removed: true };
  });
}

export async function listSlackLinks(userId: string) {
  return db.slackLink.findMany({ where: { userId, confirmedAt: { not: null } }, select: { id: true, slackTeamId: true, slackUserId: true, confirmedAt: true } });
}

/** The Countersign user a Slack user acts as, or null when not linked (or the account is disabled). */
export async function linkedUser(slackTeamId: string, slackUserId: string) {
  const row = await db.slackLink.findUnique({
    where: { slackTeamId_slackUserId: { slackTeamId, slackUserId } },
    select: { confirmedAt: true, user: { select: { id: true, email: true, name: true, role: true, active: true } } },
  });
  if (!row?.confirmedAt || !row.user || !row.user.active) return null;
  return row.user;
}
