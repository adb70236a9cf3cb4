import "server-only";
// The reader rules for a row that someone may have written by hand (write
// access to the database needs no signing key). SQLite stores any text in any
// column; PostgreSQL's column types hold only what they allow, yet a jsonb
// column takes JSON of any shape and a timestamp one a date JavaScript cannot
// hold (the year 200000, 'infinity'). The query builder fails the whole read on
// such a value, and the page or answer with it. These rules read each value of
// a packed row (packed-rows.ts) on its own: a value that cannot be read is
// named in `unreadable` and replaced by a stated fallback, so the reader can
// show what is readable, say plainly what is not, and refuse what needs it
// (a decision, an agent's answer). A damaged row is itself evidence: the
// receipts' verify command is how tampering is proven.
import { databaseTarget } from "@/lib/db/client";
import { packedDate } from "@/lib/db/packed-rows";

/** A JSON column as packedRows hands it back: text on SQLite, parsed already on PostgreSQL (json_build_array). */
function parsedJson(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (databaseTarget.provider === "postgresql" || typeof value !== "string") return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false };
  }
}

/**
 * A column as a raw query through Prisma (not packedRows) selects it for these rules: Prisma converts a
 * result column by its declared type (JSON, DateTime, Int) and throws on a planted value, so on SQLite
 * the value is read as text; on PostgreSQL a date as the same text packed rows give ('infinity' too),
 * and JSON as is (jsonb holds only JSON).
 */
export function storedColumnSql(column: string, type: "json" | "date" | "int"): string {
  if (databaseTarget.provider === "sqlite") return `CAST(${column} AS TEXT)`;
  return type === "date" ? `(to_json(${column}) #>> '{}')` : column;
}

/** Text (packed rows), or a Date the driver made (a raw query on PostgreSQL): an Invalid Date reads as none. */
function dateOf(raw: unknown): Date | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw;
  return packedDate(raw);
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
export const isObjectArray = (v: unknown): v is Record<string, unknown>[] => Array.isArray(v) && v.every(isObject);
export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

/** Reads the values of one stored row, collecting the names of those that cannot be read. */
export class StoredRow {
  /** Column names whose stored value could not be read, in the order read. */
  readonly unreadable: string[] = [];

  private fail<T>(name: string, fallback: T): T {
    if (!this.unreadable.includes(name)) this.unreadable.push(name);
    return fallback;
  }

  /** A JSON column that is never null: not JSON, or not of the shape the readers expect, reads as `fallback`. */
  json<T>(name: string, raw: unknown, shape: (v: unknown) => v is T, fallback: T): T {
    if (raw === null || raw === undefined) return this.fail(name, fallback);
    const parsed = parsedJson(raw);
    return parsed.ok && shape(parsed.value) ? parsed.value : this.fail(name, fallback);
  }

  /** A JSON column that may be null (null stays null: "none given"). */
  optionalJson<T>(name: string, raw: unknown, shape: (v: unknown) => v is T): T | null {
    if (raw === null || raw === undefined) return null;
    // A JSON null stored in the column reads as none too, as the query builder gives it.
    const parsed = parsedJson(raw);
    if (parsed.ok && parsed.value === null) return null;
    return parsed.ok && shape(parsed.value) ? parsed.value : this.fail(name, null);
  }

  /** A DateTime that may be null; one that is not a date JavaScript can hold reads as none. */
  optionalDate(name: string, raw: unknown): Date | null {
    if (raw === null || raw === undefined) return null;
    return dateOf(raw) ?? this.fail(name, null);
  }

  /** A DateTime that is never null (createdAt); unreadable, it shows as 1970. */
  date(name: string, raw: unknown): Date {
    return dateOf(raw) ?? this.fail(name, new Date(0));
  }

  /** An Int column (SQLite stores text there too). */
  int(name: string, raw: unknown, fallback: number): number {
    const n = typeof raw === "number" || typeof raw === "bigint" || (typeof raw === "string" && /^-?\d+$/.test(raw)) ? Number(raw) : Number.NaN;
    return Number.isSafeInteger(n) ? n : this.fail(name, fallback);
  }

  /** A text column of a known set (a status, tier, risk): a value outside it is kept to show, and named unreadable. */
  oneOf(name: string, raw: unknown, known: readonly string[]): string {
    const text = typeof raw === "string" ? raw : String(raw ?? "");
    if (!known.includes(text)) this.fail(name, text);
    return text;
  }

  /** A text column; null stays null. */
  text(raw: unknown): string | null {
    return raw === null || raw === undefined ? null : String(raw);
  }
}
