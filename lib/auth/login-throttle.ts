import "server-only";
// Failed password sign-ins are counted per email in the database, so the
// throttle holds across app instances and restarts.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

export async function isSignInThrottled(email: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - env().LOGIN_THROTTLE_WINDOW_SECONDS * 1000);
  const failures = await db.loginFailure.count({ where: { email, createdAt: { gt: since } } });
  return failures >= env().LOGIN_THROTTLE_MAX_FAILURES;
}

export async function recordSignInFailure(email: string, ip: string | null): Promise<void> {
  await db.loginFailure.create({ data: { email, ip } });
}

export async function clearSignInFailures(email: string): Promise<void> {
  await db.loginFailure.deleteMany({ where: { email } });
}
