import { env } from "@/lib/env";
import { RateLimiter } from "@/lib/http/rate-limit";

let limiter: RateLimiter | undefined;
export function intakeRateLimiter(): RateLimiter {
  limiter ??= new RateLimiter(env().RATE_LIMIT_PER_MINUTE);
  return limiter;
}
