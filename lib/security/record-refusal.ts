import "server-only";
// The security log: every refused attempt (who, what, which rule). A refusal
// changes nothing, so it is not a receipt; it is written outside any
// transaction and never fails the request that caused it.
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { noteRecorded } from "@/lib/security/refusal-scope";

export type RefusalActor =
  | { type: "user"; id: string; email: string; role?: string }
  | { type: "agent"; id: string; name: string }
  | { type: "anonymous"; id?: undefined };

export type Refusal = {
  actor: RefusalActor;
  /** What was attempted, e.g. "decide:approved", "POST /api/v1/proposals", "admin.stop_agent". */
  action: string;
  /** What it was attempted on (a proposal id, an agent name, ...). */
  target?: string | null;
  /** The refusal code the caller was given (forbidden, scope_not_granted, separation_of_duties, ...). */
  code: string;
  /** The rule or policy ids that refused it. */
  rule?: string | null;
  message: string;
  ip?: string | null;
};

export async function recordRefusal(refusal: Refusal): Promise<void> {
  await recordRefusals([refusal]);
}

export async function recordRefusals(refusals: Refusal[]): Promise<void> {
  if (refusals.length === 0) return;
  noteRecorded(refusals.length);
  try {
    await db.securityEvent.createMany({
      data: refusals.map((r) => ({
        actorType: r.actor.type,
        actorId: r.actor.id ?? null,
        actor: r.actor,
        action: r.action.slice(0, 200),
        target: r.target?.slice(0, 200) ?? null,
        code: r.code,
        rule: r.rule ?? null,
        message: r.message.slice(0, 2000),
        ip: r.ip ?? null,
      })),
    });
  } catch (error) {
    logger.error("could not record a refusal in the security log", { error: error instanceof Error ? error.message : String(error) });
  }
}
