import "server-only";
// Thousands of small rows of a raw query, cheaply. Through Prisma's driver
// adapter each row and cell of a raw result costs far more than the query
// (5,000 rows of nine columns: ~90 ms on SQLite where the query takes ~30 ms),
// and one large text value is copied at a cost too. So: on SQLite, the rows are
// read as arrays on a second connection to the same file (better-sqlite3, the
// driver under the adapter; WAL lets it read beside the writer, and it sees
// every committed row); on PostgreSQL, the server packs them into one JSON
// array of arrays that is parsed once. For the text search's matches; ordinary
// reads stay with the query builder. Never inside a transaction (the SQLite
// reader would not see its writes).
import Database from "better-sqlite3";
import { databaseTarget, db, type Db } from "@/lib/db/client";

let reader: { db: Database.Database; statements: Map<string, Database.Statement> } | null = null;

function sqliteReader() {
  if (databaseTarget.provider !== "sqlite") throw new Error("no SQLite database");
  if (!reader) {
    const conn = new Database(databaseTarget.file, { fileMustExist: true, timeout: 10_000 });
    // Reads only; a page cache large enough for a search's rows and index pages (the default is 2 MB).
    conn.pragma("query_only = ON");
    conn.pragma("cache_size = -32000");
    reader = { db: conn, statements: new Map() };
  }
  return reader;
}

/**
 * The rows of `select` (a whole SELECT with placeholders) as arrays of the
 * `columns` (expressions over its output columns, quoted), in no particular
 * order. Timestamps come back as text: read them with packedDate.
 */
export async function packedRows(columns: string[], select: string, ...params: unknown[]): Promise<unknown[][]> {
  if (databaseTarget.provider === "sqlite") {
    const r = sqliteReader();
    const sql = `SELECT ${columns.join(", ")} FROM (${select})`;
    let statement = r.statements.get(sql);
    if (!statement) r.statements.set(sql, (statement = r.db.prepare(sql).raw(true)));
    return statement.all(...params) as unknown[][];
  }
  return packedRowsWith(db, columns, select, ...params);
}

/** PostgreSQL: the rows packed by the server, on any client (a transaction's too). */
export async function packedRowsWith(client: Pick<Db, "$queryRawUnsafe">, columns: string[], select: string, ...params: unknown[]): Promise<unknown[][]> {
  const [row] = await client.$queryRawUnsafe<{ rows: string }[]>(packedSelect(columns, select), ...params);
  return JSON.parse(row?.rows ?? "[]") as unknown[][];
}

/** PostgreSQL: the query that packs the rows of `select` into one JSON text value, "rows". */
export function packedSelect(columns: string[], select: string): string {
  return `SELECT coalesce(json_agg(json_build_array(${columns.join(", ")}))::text, '[]') AS "rows" FROM (${select}) AS "packed"`;
}

/** A DateTime from packedRows: UTC ISO text with "+00:00" on SQLite, the UTC wall clock without a zone on PostgreSQL. */
export function packedDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = typeof value === "number" ? new Date(value) : dateOfText(String(value));
  // SQLite stores any text in any column: a row written by hand with a value that is not a date reads as
  // none, so that one such row cannot turn every page that lists it into an error.
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A column that is never empty (createdAt); a value that is not a date shows as 1970 rather than failing the page. */
export function packedRequiredDate(value: unknown): Date {
  return packedDate(value) ?? new Date(0);
}

function dateOfText(text: string): Date {
  return new Date(/(Z|[+-]\d\d:\d\d)$/.test(text) ? text : `${text}Z`);
}
