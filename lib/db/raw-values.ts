import "server-only";
// Values for raw SQL, stored exactly as Prisma stores them, so the query
// builder reads rows written by hand unchanged (and the receipt hashes, taken
// over what reads back, hold): JSON as text on SQLite and jsonb (json for the
// receipts' actor and payload, which keep their text) on PostgreSQL,
// DateTime as UTC ISO text on SQLite and timestamp(3) on PostgreSQL. Used by
// the hot writers that skip the query builder (the receipt chain, intake).
import { databaseTarget } from "@/lib/db/client";

const POSTGRES = databaseTarget.provider === "postgresql";

/** The n-th (1-based) placeholder, cast on PostgreSQL where the column needs it. */
export function sqlParam(n: number, type?: "timestamp" | "jsonb" | "json"): string {
  return POSTGRES ? `$${n}${type ? `::${type}` : ""}` : "?";
}

/** A DateTime as Prisma stores it: UTC ISO text on SQLite; PostgreSQL's timestamp(3) takes the UTC wall clock. */
export function storedTimestamp(date: Date): string {
  return POSTGRES ? date.toISOString().replace("Z", "") : date.toISOString().replace("Z", "+00:00");
}

/** A Json column's value as raw SQL takes it (null stays SQL NULL). */
export function storedJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** A Json column as raw SQL hands it back: text on SQLite, parsed already on PostgreSQL. */
export function readJson(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}

/** A Boolean column as raw SQL hands it back: 0/1 on SQLite, a boolean on PostgreSQL. */
export function readBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === 1n;
}

/** A DateTime column as raw SQL hands it back: text on SQLite, a Date on PostgreSQL. */
export function readDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}
