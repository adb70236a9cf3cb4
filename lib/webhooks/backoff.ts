// When to try a failed webhook again: 10 s after the first failure, doubling
// each time, at most an hour apart. The jitter (up to 20 % earlier) spreads
// retries out, so a receiver that comes back after an outage is not hit by
// every queued delivery in the same second.
export const BACKOFF_BASE_MS = 10_000;
export const BACKOFF_CAP_MS = 60 * 60_000;
export const BACKOFF_JITTER = 0.2;

/** Delay before the next attempt after `failedAttempts` failures (1 = the first attempt failed). */
export function backoffDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const full = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 30));
  return Math.round(full * (1 - BACKOFF_JITTER * random()));
}
