import "server-only";
// The security log: every refused attempt (who, what, which rule). A refusal
// changes nothing, so it is not a receipt; it is written outside any
// transaction and never fails the request that caused it.
//
// Anonymous refusals cost an attacker nothing (no cookie, no key, garbage
// tokens), so they are coalesced: per caller address, action and code, at
// most one row per SECURITY_LOG_COALESCE_SECONDS (60) on each app instance;
// the ones left out are counted into the next row's message ("repeated N
// more times"). Refusals of signed-in users and known agents are always
// recorded: they name someone, and each one matters.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { noteRecorded } from "@/lib/security/refusal-scope";
import { storableText, storableTextOrNull } from "@/lib/base/storable-text";

export type RefusalActor =
  | { type: "user"; id: string; email: string; role?: string }
  | { type: "agent"; id: string; name: string }
  /** A registered tool (lib/tools), e.g. refused a replayed approval token. */
  | { type: "tool"; id: string; name: string }
  | { type: "anonymous"; id?: undefined }
  /** The server itself (e.g. the checkpoint signer refusing to sign a rewritten chain). */
  | { type: "system"; id: string; name: string };

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

const MAX_MESSAGE_LENGTH = 2000;

/**
 * The memory of recent anonymous refusals: one window per (address, action,
 * code), holding how many were left out. Bounded: past `maxKeys`, expired
 * windows are swept and then the oldest dropped (which at worst records one
 * row too many, never one too few).
 */
export class RefusalCoalescer {
  private readonly windows = new Map<string, { until: number; suppressed: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** The refusal to record (its message counting the ones left out since the last row), or null to leave it out. */
  admit(refusal: Refusal, now: number): Refusal | null {
    if (refusal.actor.type !== "anonymous" || this.windowMs <= 0) return refusal;
    const key = JSON.stringify([refusal.ip ?? null, refusal.action, refusal.code]);
    const open = this.windows.get(key);
    if (open && open.until > now) {
      open.suppressed++;
      return null;
    }
    const suppressed = open?.suppressed ?? 0;
    this.windows.delete(key); // re-inserted last, so the Map's order stays oldest window first
    this.makeRoom(now);
    this.windows.set(key, { until: now + this.windowMs, suppressed: 0 });
    if (suppressed === 0) return refusal;
    const note = ` (repeated ${suppressed} more ${suppressed === 1 ? "time" : "times"} from this address after the previous entry, not logged one by one)`;
    return { ...refusal, message: refusal.message.slice(0, MAX_MESSAGE_LENGTH - note.length) + note };
  }

  get size(): number {
    return this.windows.size;
  }

  private makeRoom(now: number): void {
    if (this.windows.size < this.maxKeys) return;
    for (const [key, window] of this.windows) if (window.until <= now) this.windows.delete(key);
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}

let coalescer: RefusalCoalescer | undefined;
function anonymousCoalescer(): RefusalCoalescer {
  coalescer ??= new RefusalCoalescer(env().SECURITY_LOG_COALESCE_SECONDS * 1000);
  return coalescer;
}

export async function recordRefusal(refusal: Refusal): Promise<void> {
  await recordRefusals([refusal]);
}

export async function recordRefusals(refusals: Refusal[]): Promise<void> {
  if (refusals.length === 0) return;
  // Left-out refusals count as handled too, or the entry-point wrapper would try to record them again.
  noteRecorded(refusals.length);
  const now = Date.now();
  const kept = refusals.flatMap((r) => anonymousCoalescer().admit(r, now) ?? []);
  if (kept.length === 0) return;
  try {
    await db.securityEvent.createMany({
      data: kept.map((r) => ({
        actorType: r.actor.type,
        actorId: r.actor.id ?? null,
        actor: r.actor,
        // Refusals quote what the caller sent: stored even when it holds U+0000 or a lone surrogate.
        action: storableText(r.action, 200),
        target: storableTextOrNull(r.target, 200),
        code: r.code,
        rule: storableTextOrNull(r.rule, 2000),
        message: storableText(r.message, MAX_MESSAGE_LENGTH),
        ip: storableTextOrNull(r.ip, 200),
      })),
    });
  } catch (error) {
    logger.error("could not record a refusal in the security log", { error: error instanceof Error ? error.message : String(error) });
  }
}
