// Idempotency keys derived from what identifies a tool call (run or thread id,
// tool call id, tool name...), so a resumed or replayed run sends the same key
// and Countersign answers with the proposal it already has instead of a second one.
import { createHash } from "node:crypto";

/**
 * sha256 (hex) over the parts, each as canonical JSON (object keys sorted), so
 * `idempotencyKeyFor("thread-1", "call_42")` is stable across processes and
 * `("a", "bc")` never collides with `("ab", "c")`.
 */
export function idempotencyKeyFor(...parts: unknown[]): string {
  if (parts.length === 0) throw new TypeError("idempotencyKeyFor needs at least one part (e.g. a run id and a tool call id).");
  return createHash("sha256").update(canonicalJson(parts)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (value === undefined) return "null";
    if (typeof value === "bigint") return JSON.stringify(value.toString());
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
