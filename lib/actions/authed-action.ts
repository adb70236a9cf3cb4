import "server-only";
// The one wrapper for every server action: requires a signed-in, active user
// (read fresh from the database), parses the input with zod, and maps errors.
// A server action is a public endpoint, so none of the three may be forgotten.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { logger } from "@/lib/log";
import { ActionFailure } from "@/lib/actions/action-failure";

export type ActionError = { code: string; message: string; issues?: { path: string; message: string }[] };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };


export function authedAction<S extends z.ZodType, T>(
  schema: S,
  handler: (user: CurrentUser, input: z.output<S>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: { code: "unauthenticated", message: "Your session has ended or your account is disabled. Sign in again." } };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      return { ok: false, error: { code: "invalid_input", message: issues.map((i) => i.message).join("; "), issues } };
    }
    try {
      return { ok: true, data: await handler(user, parsed.data) };
    } catch (error) {
      if (error instanceof ActionFailure) return { ok: false, error: { code: error.code, message: error.message } };
      const requestId = randomUUID();
      logger.error("server action failed", { requestId, userId: user.id, error: error instanceof Error ? error.stack : String(error) });
      return { ok: false, error: { code: "internal_error", message: `Something went wrong on our side. Request id: ${requestId}.` } };
    }
  };
}
