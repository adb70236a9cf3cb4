import "server-only";
// Plain SQL straight through the database driver, for intake's hot path
// (lib/db/sql.ts says why). Prisma 6.19 spends more time per call than the
// statements themselves take: each raw call is a request through its engine
// with a dozen promises, and on SQLite it prepares the statement afresh
// every time. Here statements are prepared once and reused.
//
// SQLite: the very connection Prisma uses (lib/db/sqlite-adapter.ts), and its
// transactions take the adapter's turn, so they never overlap Prisma's.
// PostgreSQL: a small pool of its own; locks and isolation are the
// database's, so both pools see one another exactly as two app instances do.
import { createHash } from "node:crypto";
import pg from "pg";
import type BetterSqlite3 from "better-sqlite3";
import { databaseTarget, db } from "@/lib/db/client";
import { connectedSqlite, type ConnectedSqlite } from "@/lib/db/sqlite-adapter";
import type { Sql } from "@/lib/db/sql";

/** Runs `work` in one transaction on the driver: committed when it resolves, rolled back when it throws. */
export async function driverTransaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  return databaseTarget.provider === "postgresql" ? postgresTransaction(work) : sqliteTransaction(work);
}

/** Plain SQL outside any transaction (reads). On SQLite each statement waits while a transaction is open on the shared connection. */
export async function driverSql(): Promise<Sql> {
  if (databaseTarget.provider === "postgresql") return postgresSql(pool());
  const adapter = await sqlite();
  return sqliteSql(adapter.client, adapter.outsideTransaction);
}

// --- SQLite -----------------------------------------------------------------

async function sqlite(): Promise<ConnectedSqlite> {
  const connected = connectedSqlite();
  if (connected) return connected;
  await db.$connect();
  const adapter = connectedSqlite();
  if (!adapter) throw new Error("the SQLite connection is not open");
  return adapter;
}

async function sqliteTransaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  const adapter = await sqlite();
  const turn = await adapter.startTransaction(); // BEGIN IMMEDIATE, in the adapter's turn
  const sql = sqliteSql(adapter.client);
  try {
    const result = await work(sql);
    await sql.execute("COMMIT");
    await turn.commit();
    return result;
  } catch (error) {
    if (adapter.client.inTransaction) adapter.client.prepare("ROLLBACK").run();
    await turn.rollback();
    throw error;
  }
}

/** Statements are prepared once per connection; at most this many are kept (multi-row inserts vary in length). */
const STATEMENT_CACHE = 256;
const statementCaches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function prepared(client: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let cache = statementCaches.get(client);
  if (!cache) statementCaches.set(client, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) {
    if (cache.size >= STATEMENT_CACHE) cache.clear();
    // The adapter reads integers as BigInt; these callers want numbers (ids, counts and sequence numbers all fit).
    statement = client.prepare(text);
    if (statement.reader) statement.safeIntegers(false);
    cache.set(text, statement);
  }
  return statement;
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans are stored as Prisma stores them (0/1). */
export function sqliteValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/**
 * Inside a transaction statements run at once; outside one, through `outside` (the wait in sqlite-adapter.ts).
 * Without `outside`, plain SQL on any better-sqlite3 connection (tests: another process's connection).
 */
export function sqliteSql(client: BetterSqlite3.Database, outside?: ConnectedSqlite["outsideTransaction"]): Sql {
  // A write outside a transaction also waits while the writer thread writes (sqlite-adapter.ts).
  const run = <T>(statement: () => T, write: boolean): T | Promise<T> => (outside ? outside(statement, write) : statement());
  return {
    async execute(text, params = []) {
      const statement = prepared(client, text);
      const values = params.map(sqliteValue);
      return run(() => (statement.reader ? statement.all(...values).length : statement.run(...values).changes), !statement.readonly);
    },
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const statement = prepared(client, text);
      const values = params.map(sqliteValue);
      return run(() => {
        if (!statement.reader) {
          statement.run(...values);
          return [];
        }
        return statement.all(...values) as Row[];
      }, !statement.readonly);
    },
  };
}

// --- PostgreSQL -------------------------------------------------------------

const POOL = Symbol.for("countersign.driverPool");
const holder = globalThis as { [POOL]?: pg.Pool };

function pool(): pg.Pool {
  if (databaseTarget.provider !== "postgresql") throw new Error("the driver pool is PostgreSQL's");
  const { url } = databaseTarget;
  // A few connections suffice: intake commits one group at a time, and its reads are short.
  // allowExitOnIdle: a command line that is done is not kept alive by idle connections.
  return (holder[POOL] ??= new pg.Pool({ connectionString: url, max: 4, allowExitOnIdle: true }));
}

// timestamp(3) columns hold UTC wall-clock time, as Prisma writes them; pg would read them as local time.
const TIMESTAMP_OID = 1114;
const TYPES = {
  getTypeParser: (oid: number, format?: string) =>
    oid === TIMESTAMP_OID ? (text: string) => new Date(`${text.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format as "text"),
} as pg.CustomTypesConfig;

/** A server-side prepared statement per text and connection, named by the text's hash. */
function statementName(text: string): string {
  return `cs_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
}

function postgresSql(client: pg.Pool | pg.PoolClient): Sql {
  const run = (text: string, params: readonly unknown[]) =>
    client.query({ name: statementName(text), text, values: params.map((v) => (v === undefined ? null : v)), types: TYPES });
  return {
    async execute(text, params = []) {
      return (await run(text, params)).rowCount ?? 0;
    },
    async query<Row>(text: string, params: readonly unknown[] = []) {
      return (await run(text, params)).rows as Row[];
    },
  };
}

async function postgresTransaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(postgresSql(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is not handed out again.
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
