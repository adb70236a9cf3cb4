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
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Prepare = (sql: string) => unknown;

export class ImmediateSQLite3 extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    // `client` is the adapter's better-sqlite3 Database; BEGIN is its only
    // transaction opener (`startTransaction` prepares exactly "BEGIN").
    const client = (adapter as unknown as { client: { prepare: Prepare } }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  }
}
