import "server-only";
// Ending sessions and changing passwords. A session is valid only while its
// cookie's session version equals the user's (lib/auth/current-user.ts), so
// each change here moves the version on and every older session ends on its
// next request (page, server action or API call). Each change and its receipt
// commit together.
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/base/app-error";
import { admitSignInAttempt, clearSignInAttempts } from "@/lib/auth/login-throttle";
import { db } from "@/lib/db/client";
import { adminActor, type AdminCaller } from "@/lib/users/admin-caller";
import { appendReceipt } from "@/lib/receipts/append-receipt";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "@/lib/auth/passwords";
import { userActor } from "@/lib/users/user-actor";

const MAX_PASSWORD_LENGTH = 200;

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(MAX_PASSWORD_LENGTH),
  newPassword: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `The new password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(MAX_PASSWORD_LENGTH, `The new password must be at most ${MAX_PASSWORD_LENGTH} characters.`),
});

export const forcePasswordResetInput = z.object({ userId: z.string().min(1).max(100) });
export const unlinkSsoInput = z.object({ userId: z.string().min(1).max(100) });

/**
 * The signed-in user changes their own password: the current one is required
 * (and counted by the sign-in throttle, so a stolen session cannot guess it),
 * the new one is stored as argon2id, every session ends, and a receipt is written.
 */
export async function changeOwnPassword(user: CurrentUser, raw: z.input<typeof changePasswordInput>, ip: string | null) {
  const input = changePasswordInput.parse(raw);
  const row = await db.user.findUnique({ where: { id: user.id }, select: { passwordHash: true, email: true } });
  if (!row?.passwordHash) {
    throw new AppError("conflict", "no_password", "Your account signs in only through single sign-on: change your password at your identity provider.");
  }
  const admission = await admitSignInAttempt(row.email, ip);
  if (!admission.admitted) {
    throw new AppError("rate_limited", "throttled", `Too many password attempts. Wait ${Math.ceil(admission.retryAfterSeconds / 60)} minutes and try again.`);
  }
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new AppError("invalid", "wrong_password", "Your current password is not correct.");
  }
  if (input.currentPassword === input.newPassword) throw new AppError("invalid", "invalid_input", "The new password must differ from the current one.");
  await clearSignInAttempts(row.email, ip);
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    // Guarded by the hash just verified: of two changes racing, only one applies.
    const changed = await tx.user.updateMany({
      where: { id: user.id, passwordHash: row.passwordHash },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    if (changed.count !== 1) throw new AppError("conflict", "conflict", "Your password was changed meanwhile. Sign in again and retry.");
    await appendReceipt(tx, {
      kind: "password_changed",
      actor: userActor(user),
      payload: { user_id: user.id, email: user.email, by: "self", sessions_ended: true, forced_reset_cleared: user.mustChangePassword === true },
    });
    return { email: user.email };
  });
}

/** "Sign out everywhere": every session of this user ends, this one included. */
export async function endAllSessions(user: CurrentUser) {
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    await appendReceipt(tx, { kind: "sessions_ended", actor: userActor(user), payload: { user_id: user.id, email: user.email, by: "self" } });
    return { email: user.email };
  });
}

/**
 * An admin forces a password reset: the user's sessions end and, at their next
 * password sign-in, they must set a new password before anything else.
 */
export async function forcePasswordReset(caller: AdminCaller, raw: z.input<typeof forcePasswordResetInput>) {
  const actor = adminActor(caller);
  const input = forcePasswordResetInput.parse(raw);
  return db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, passwordHash: true } });
    if (!target) throw new AppError("not_found", "not_found", "No such user.");
    if (!target.passwordHash) {
      throw new AppError("conflict", "no_password", `${target.email} signs in only through single sign-on: there is no password to reset. Disable the account at the identity provider or here.`);
    }
    await tx.user.update({ where: { id: target.id }, data: { mustChangePassword: true, sessionVersion: { increment: 1 } } });
    await appendReceipt(tx, { kind: "password_reset_forced", actor, payload: { user_id: target.id, email: target.email, sessions_ended: true } });
    return { id: target.id, email: target.email };
  });
}

/**
 * An admin unlinks the single sign-on identity an account is pinned to (the
 * person's provider account was replaced): the next verified-email sign-in pins
 * it again. Sessions end too, since they came from the old identity.
 */
export async function unlinkSso(caller: AdminCaller, raw: z.input<typeof unlinkSsoInput>) {
  const actor = adminActor(caller);
  const input = unlinkSsoInput.parse(raw);
  return db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, ssoIssuer: true, ssoSubject: true } });
    if (!target) throw new AppError("not_found", "not_found", "No such user.");
    if (!target.ssoSubject) return { id: target.id, email: target.email, changed: false };
    await tx.user.update({ where: { id: target.id }, data: { ssoIssuer: null, ssoSubject: null, sessionVersion: { increment: 1 } } });
    await appendReceipt(tx, {
      kind: "sso_unlinked",
      actor,
      payload: { user_id: target.id, email: target.email, issuer: target.ssoIssuer, subject: target.ssoSubject, sessions_ended: true },
    });
    return { id: target.id, email: target.email, changed: true };
  });
}
