// The `wait` parameter of the long-poll (GET /api/v1/proposals/{id}?wait=N).
// No database here: the OpenAPI document reads the limit too.
import { AppError } from "@/lib/base/app-error";

export const MAX_WAIT_SECONDS = 30;

/** The `wait` query parameter: null when absent, else whole seconds 1–30; anything else is a 400. */
export function parseWaitSeconds(raw: string | null): number | null {
  if (raw === null) return null;
  const message = `must be a whole number of seconds from 1 to ${MAX_WAIT_SECONDS}, e.g. wait=20`;
  const seconds = /^\d{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(seconds >= 1 && seconds <= MAX_WAIT_SECONDS)) {
    throw new AppError("invalid", "invalid_query", `The query is not valid: wait ${message} (got ${JSON.stringify(raw.slice(0, 20))}).`, {
      issues: [{ path: "wait", message }],
    });
  }
  return seconds;
}
