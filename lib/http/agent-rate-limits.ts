// Per-caller limits of every agent-facing endpoint besides intake (which has
// its own, lib/http/intake-rate-limiter.ts): each is a token bucket per agent
// (or per caller address where no agent is known), per app instance. A GET of
// an approved proposal signs and stores a fresh approval token, so reads are
// limited too, not just writes.
import { env } from "@/lib/env";
import { AppError } from "@/lib/base/app-error";
import { RateLimiter } from "@/lib/http/rate-limit";
import { clientIp } from "@/lib/security/client-ip";

export type LimitedCall = "agent" | "webhook_registration" | "token_verify" | "openapi";

const WHAT: Record<LimitedCall, string> = {
  agent: "calls from this agent",
  webhook_registration: "webhook registration calls from this agent",
  token_verify: "approval-token verifications from this address",
  openapi: "requests for the API description from this address",
};

const limiters = new Map<LimitedCall, RateLimiter>();

function limiter(call: LimitedCall): RateLimiter {
  let found = limiters.get(call);
  if (!found) {
    const config = env();
    const perMinute = {
      agent: config.AGENT_RATE_LIMIT_PER_MINUTE,
      webhook_registration: config.WEBHOOK_REGISTRATION_RATE_LIMIT_PER_MINUTE,
      token_verify: config.TOKEN_VERIFY_RATE_LIMIT_PER_MINUTE,
      openapi: config.OPENAPI_RATE_LIMIT_PER_MINUTE,
    }[call];
    found = new RateLimiter(perMinute);
    limiters.set(call, found);
  }
  return found;
}

/** Takes one call from `key`'s bucket; throws 429 rate_limited (with Retry-After) when it is empty. */
export function takeRateLimit(call: LimitedCall, key: string): void {
  const wait = limiter(call).take(key);
  if (wait > 0) throw new AppError("rate_limited", "rate_limited", `Too many ${WHAT[call]}; retry in ${wait} s.`, { retry_after: wait });
}

/** The bucket key of an anonymous (or not yet identified) caller: its address, or one shared bucket when none is known. */
export function addressKey(request: Request): string {
  return `address:${clientIp(request.headers) ?? "unknown"}`;
}
