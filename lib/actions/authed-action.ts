import "server-only";
// The one wrapper for every server action: requires a signed-in, active user
// (read fresh from the database), parses the input with zod, and maps errors.
// A server action is a public endpoint, so none of the three may be forgotten.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { logger } from "@/lib/log";
import { AppError } from "@/lib/base/app-error";
import { unstorableTextError } from "@/lib/db/unstorable-text";
import { headers } from "next/headers";
import { recordRefusal, type RefusalActor } from "@/lib/security/record-refusal";
import { isRefusalCode, ruleOf } from "@/lib/security/refusal-codes";
import { clientIp } from "@/lib/security/client-ip";
import { sessionActor } from "@/lib/auth/session-actor";
import { newRefusalScope, runInRefusalScope } from "@/lib/security/refusal-scope";

export type ActionError = { code: string; message: string; issues?: { path: string; message: string }[] };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export type AuthedActionOptions = {
  /**
   * The action's name in the security log (e.g. "decide_proposals"). Optional so
   * new actions work without it; unnamed ones are logged as "server action <id>",
   * the Next-Action id from the build's server-reference manifest.
   */
  name?: string;
  /** Callable while an admin-forced password reset is pending (only the password change itself). */
  allowPendingReset?: boolean;
};

/** The "what" of a refused call: the action's name, or its Next-Action id. */
async function actionName(options: AuthedActionOptions, requestHeaders: Headers | null): Promise<string> {
  if (options.name) return options.name;
  const id = requestHeaders?.get("next-action");
  return id ? `server action ${id}` : "server action";
}

async function requestHeadersOrNull(): Promise<Headers | null> {
  try {
    return (await headers()) as unknown as Headers;
  } catch {
    return null; // called outside a request (tests)
  }
}

/** Input fields that name what an action acts on, in the order they are looked for. */
const TARGET_FIELDS = ["ids", "id", "proposalId", "userId", "agentId", "agentName", "keyId", "deliveryId", "queueId", "slug", "email", "name"];

/** What the refused call was aimed at, from its (unvalidated) input: ids, a proposal, a user, an agent, ... */
function targetOf(raw: unknown): string | null {
  if (!raw || typeof raw !== "object") return null;
  const input = raw as Record<string, unknown>;
  for (const field of TARGET_FIELDS) {
    const value = input[field];
    if (Array.isArray(value) && value.length) return value.slice(0, 20).map(String).join(",");
    if (typeof value === "string" && value) return field === "ids" || field === "id" ? value : `${field}:${value}`;
  }
  return null;
}

/** Records a refused call in the security log (lib/security/refusal-codes.ts says which codes are refusals). */
async function recordActionRefusal(
  options: AuthedActionOptions,
  actor: RefusalActor,
  raw: unknown,
  error: { code: string; message: string; rule?: string | null },
): Promise<void> {
  const requestHeaders = await requestHeadersOrNull();
  await recordRefusal({
    actor,
    action: await actionName(options, requestHeaders),
    target: targetOf(raw),
    code: error.code,
    rule: error.rule ?? null,
    message: error.message,
    ip: clientIp(requestHeaders),
  });
}

export function authedAction<S extends z.ZodType, T>(
  schema: S,
  handler: (user: CurrentUser, input: z.output<S>) => Promise<T>,
  options: AuthedActionOptions = {},
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    const user = await getCurrentUser();
    if (!user) {
      const error = { code: "unauthenticated", message: "Your session has ended or your account is disabled. Sign in again." };
      await recordActionRefusal(options, await sessionActor(), raw, { ...error, rule: ruleOf(null, error.code) });
      return { ok: false, error };
    }
    if (user.mustChangePassword && !options.allowPendingReset) {
      return { ok: false, error: { code: "password_reset_required", message: "An admin asked you to set a new password: change it on your account page first." } };
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      return { ok: false, error: { code: "invalid_input", message: issues.map((i) => i.message).join("; "), issues } };
    }
    const scope = newRefusalScope();
    try {
      return { ok: true, data: await runInRefusalScope(scope, () => handler(user, parsed.data)) };
    } catch (thrown) {
      // A NUL in the input fails the database statement on PostgreSQL: the caller's fault, not ours.
      const error = unstorableTextError(thrown) ?? thrown;
      if (error instanceof AppError) {
        // Recorded once: here, unless the code that refused already did (with more detail).
        if (isRefusalCode(error.code) && scope.recorded === 0) {
          const actor: RefusalActor = { type: "user", id: user.id, email: user.email, role: user.role };
          await recordActionRefusal(options, actor, raw, { code: error.code, message: error.message, rule: ruleOf(error.details, error.code) });
        }
        return { ok: false, error: { code: error.code, message: error.message } };
      }
      const requestId = randomUUID();
      logger.error("server action failed", { requestId, userId: user.id, error: error instanceof Error ? error.stack : String(error) });
      return { ok: false, error: { code: "internal_error", message: `Something went wrong on our side. Request id: ${requestId}.` } };
    }
  };
}
