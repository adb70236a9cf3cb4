import "server-only";
// Plain SQL for the hot writers (intake, the receipt chain, the insight
// rollups), on either of two ways to the database:
//  - a Prisma transaction (`tx`), for writers that also use the query builder;
//  - the driver itself (lib/db/driver-sql.ts), where intake's work per
//    proposal is a handful of statements and Prisma's own cost per call
//    (a request through its engine, several promises, no statement cache on
//    SQLite) was larger than the statements.
// Both run the same SQL text with values stored as Prisma stores them
// (lib/db/raw-values.ts), so every reader sees the same rows either way.
import type { Tx } from "@/lib/db/client";

export interface Sql {
  /** Runs a statement; how many rows it changed. */
  execute(text: string, params?: readonly unknown[]): Promise<number>;
  /** Runs a query (or a statement with RETURNING); its rows, keyed by column name. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** Where a hot writer may run: inside a Prisma transaction or on the driver. */
export type SqlTarget = Tx | Sql;

/** The target as plain SQL; a Prisma transaction runs it through its raw calls. */
export function asSql(target: SqlTarget): Sql {
  if (!isPrismaTx(target)) return target;
  return {
    execute: (text, params = []) => target.$executeRawUnsafe(text, ...params),
    query: <Row>(text: string, params: readonly unknown[] = []) => target.$queryRawUnsafe<Row[]>(text, ...params),
  };
}

export function isPrismaTx(target: SqlTarget): target is Tx {
  return typeof (target as Tx).$executeRawUnsafe === "function";
}
