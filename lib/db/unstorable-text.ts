// PostgreSQL cannot hold U+0000 in text (22021 "invalid byte sequence for
// encoding UTF8: 0x00") nor the escape \u0000 in json (22P05), and refuses the
// whole statement, lookups included. SQLite stores and compares such text, so
// a NUL in a path id, a filter or a form field was a 500 on PostgreSQL only.
// No client input should ever become a 5xx: the translators of errors (route
// handlers, lib/http/respond.ts; server actions, lib/actions/authed-action.ts)
// turn this driver error into a 400 that says what to fix. Nothing was
// written: the statement failed, and a transaction around it rolls back.
import { AppError } from "@/lib/base/app-error";

/** The PostgreSQL error codes for text the database cannot represent. */
const UNSTORABLE_TEXT_CODES = new Set(["22021", "22P05"]);

function driverCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  // @prisma/adapter-pg wraps pg's error as DriverAdapterError with {kind: "postgres", code} in `cause`.
  const cause = (error as { cause?: unknown }).cause;
  if (typeof cause === "object" && cause !== null) {
    const { kind, code } = cause as { kind?: unknown; code?: unknown };
    if (kind === "postgres" && typeof code === "string") return code;
  }
  // A raw query through Prisma (packed rows, lib/db/packed-rows.ts): P2010 "Raw query failed", the adapter's error in `meta`.
  const adapterCause = (error as { meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } } }).meta?.driverAdapterError?.cause;
  if (adapterCause?.kind === "postgres" && typeof adapterCause.code === "string") return adapterCause.code;
  // pg's own error (raw queries through lib/db/driver-sql.ts).
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && (error as { severity?: unknown }).severity !== undefined ? code : null;
}

/** A 400 for a database error caused by a NUL character in the request's text, or null for any other error. */
export function unstorableTextError(error: unknown): AppError | null {
  const code = driverCode(error);
  if (!code || !UNSTORABLE_TEXT_CODES.has(code)) return null;
  return new AppError("invalid", "invalid_text", "The request holds a NUL character (U+0000), which cannot be stored or searched for. Remove it and try again.");
}
