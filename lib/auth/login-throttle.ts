import "server-only";
// The password sign-in throttle, in the database so it holds across app
// instances and restarts. It counts ATTEMPTS, and counts them before the
// password is checked: each attempt first inserts its own row (committed on
// its own), then counts the rows in the window. Whatever the interleaving, the
// k-th row to commit sees at least k rows, so of any burst of parallel guesses
// at most the limit get as far as the password check; the rest are refused
// without it. Three limits: per email, per client address (lib/security/client-ip.ts)
// and in total. A successful sign-in deletes that email's attempts from that
// address, so a person's own typos do not lock them out later.
//
// The table is still called LoginFailure (it held failures only before); each row is an attempt.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

export type ThrottleLimit = "email" | "address" | "global";

export type SignInAdmission =
  | { admitted: true; attemptId: string }
  | { admitted: false; limit: ThrottleLimit; retryAfterSeconds: number };

export type ThrottleLimits = { perEmail: number; perAddress: number; global: number; windowSeconds: number };

export function throttleLimits(): ThrottleLimits {
  const e = env();
  return {
    perEmail: e.LOGIN_THROTTLE_MAX_FAILURES,
    perAddress: e.LOGIN_THROTTLE_MAX_PER_ADDRESS,
    global: e.LOGIN_THROTTLE_MAX_GLOBAL,
    windowSeconds: e.LOGIN_THROTTLE_WINDOW_SECONDS,
  };
}

/** Records this attempt, then says whether it may go on to the password check. */
export async function admitSignInAttempt(email: string, ip: string | null, limits = throttleLimits(), now = new Date()): Promise<SignInAdmission> {
  const attempt = await db.loginFailure.create({ data: { email, ip, createdAt: now }, select: { id: true } });
  const since = new Date(now.getTime() - limits.windowSeconds * 1000);
  const recent = { createdAt: { gt: since } };
  const [byEmail, byAddress, total] = await Promise.all([
    db.loginFailure.count({ where: { email, ...recent } }),
    db.loginFailure.count({ where: { ip, ...recent } }),
    db.loginFailure.count({ where: recent }),
  ]);
  const limit: ThrottleLimit | null =
    byEmail > limits.perEmail ? "email" : byAddress > limits.perAddress ? "address" : total > limits.global ? "global" : null;
  if (!limit) return { admitted: true, attemptId: attempt.id };
  return { admitted: false, limit, retryAfterSeconds: limits.windowSeconds };
}

/** After a correct password: this email's attempts from this address no longer count. */
export async function clearSignInAttempts(email: string, ip: string | null): Promise<void> {
  await db.loginFailure.deleteMany({ where: { email, ip } });
}
