// The SQLite driver adapter, with write transactions that wait their turn.
//
// Prisma's adapter opens every interactive transaction with a plain (deferred)
// `BEGIN`. Most of ours read first and write second. When another process (the
// CLI, a second server, a worker) commits between that read and the first
// write, SQLite cannot upgrade the stale snapshot and answers "database is
// locked" at once, without waiting on the busy timeout. `BEGIN IMMEDIATE`
// takes the write lock up front, so the busy timeout applies and the
// transaction waits instead of failing. Inside one process the adapter already
// runs one transaction at a time, so this costs nothing there.
//
// It also keeps the adapter it connected last where lib/db/driver-sql.ts can
// reach its connection: SQLite has one writer, and a second connection in this
// process would wait, synchronously, on a transaction this process holds open.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";

type Prepare = (sql: string) => unknown;

/** What lib/db/driver-sql.ts needs of the connected adapter: its connection and its transaction turn. */
export type ConnectedSqlite = {
  client: BetterSqlite3.Database;
  /** Waits for the adapter's turn (one transaction at a time) and runs BEGIN IMMEDIATE; release with commit() or rollback() after your own COMMIT or ROLLBACK. */
  startTransaction(): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }>;
};

// On globalThis: Next bundles route handlers and server actions separately,
// and they share one database client (lib/db/client.ts), so one adapter.
const CONNECTED = Symbol.for("countersign.sqliteAdapter");
const holder = globalThis as { [CONNECTED]?: ConnectedSqlite };

/** The adapter the database client connected last, if it is still open. */
export function connectedSqlite(): ConnectedSqlite | null {
  const adapter = holder[CONNECTED];
  return adapter && adapter.client.open ? adapter : null;
}

export class ImmediateSQLite3 extends PrismaBetterSQLite3 {
  /** True for the app's one client (lib/db/client.ts): its connection is the one lib/db/driver-sql.ts uses. */
  sharesConnection = false;

  override async connect() {
    const adapter = await super.connect();
    // `client` is the adapter's better-sqlite3 Database; BEGIN is its only
    // transaction opener (`startTransaction` prepares exactly "BEGIN").
    const client = (adapter as unknown as { client: { prepare: Prepare } }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    if (this.sharesConnection) holder[CONNECTED] = adapter as unknown as ConnectedSqlite;
    return adapter;
  }
}
