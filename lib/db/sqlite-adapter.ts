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
//
// One connection means one transaction scope for the whole process, and a
// transaction stays open across awaits. Prisma's adapter runs a statement from
// outside any transaction at once, so another request's read would see rows
// that are not committed yet (and may never be). Here such a statement waits
// until no transaction is open; the statement then runs synchronously, so
// none can begin in between.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";

type Prepare = (sql: string) => unknown;
type Turn = { commit(): Promise<void>; rollback(): Promise<void> };
type Adapter = {
  client: BetterSqlite3.Database;
  startTransaction(...args: unknown[]): Promise<Turn>;
  queryRaw(query: unknown): Promise<unknown>;
  executeRaw(query: unknown): Promise<unknown>;
};

/** What lib/db/driver-sql.ts needs of the connected adapter: its connection and its transaction turn. */
export type ConnectedSqlite = {
  client: BetterSqlite3.Database;
  /** Waits for the adapter's turn (one transaction at a time) and runs BEGIN IMMEDIATE; release with commit() or rollback() after your own COMMIT or ROLLBACK. */
  startTransaction(): Promise<Turn>;
  /**
   * Runs `statement` (synchronous) once no transaction is open on the connection: it never sees
   * another's uncommitted rows. A `write` also waits while the writer thread holds the write turn.
   */
  outsideTransaction<T>(statement: () => T, write?: boolean): Promise<T>;
  /**
   * Takes the write turn without keeping a transaction open (for the writer thread,
   * sqlite-writer-thread.ts): until the returned release is called, this connection's transactions
   * and writes wait their turn, and its reads go on (WAL: they see the last commit).
   */
  holdWriteTurn(): Promise<() => void>;
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
  /**
   * SQLite's `synchronous` for this connection. better-sqlite3 builds SQLite
   * with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1: in WAL mode a COMMIT would not
   * reach the disk until the next checkpoint, so an answered decision could
   * vanish in a power loss. "full" (the app's default, SQLITE_SYNCHRONOUS)
   * syncs the log at every COMMIT; intake's group commit shares that sync.
   */
  synchronous: "full" | "normal" = "full";

  override async connect() {
    const adapter = await super.connect();
    // `client` is the adapter's better-sqlite3 Database; BEGIN is its only
    // transaction opener (`startTransaction` prepares exactly "BEGIN").
    const client = (adapter as unknown as { client: { prepare: Prepare } }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    // Prisma assumes SQLite takes 999 parameters per statement (the limit of
    // SQLite builds before 3.32) and refuses a larger statement with P2029. A
    // text search at a million narrows a view to thousands of ids (`id IN`,
    // list-queue.ts's baseWhere); the SQLite better-sqlite3 bundles takes
    // far more, so Prisma is told the connection's own limit.
    (client as unknown as BetterSqlite3.Database).pragma(`synchronous = ${this.synchronous === "normal" ? "NORMAL" : "FULL"}`);
    const limit = maxVariableNumber(client as unknown as BetterSqlite3.Database);
    (adapter as { getConnectionInfo?: () => { supportsRelationJoins: boolean; maxBindValues: number } }).getConnectionInfo = () => ({ supportsRelationJoins: false, maxBindValues: limit });
    const connected = withOutsideTransaction(adapter as unknown as Adapter);
    if (this.sharesConnection) holder[CONNECTED] = connected;
    return adapter;
  }
}

/** The most parameters one statement takes on this connection (SQLITE_MAX_VARIABLE_NUMBER, 999 when the build does not say). */
function maxVariableNumber(client: BetterSqlite3.Database): number {
  const options = client.pragma("compile_options") as { compile_options: string }[];
  const set = options.map((o) => /^MAX_VARIABLE_NUMBER=(\d+)$/.exec(o.compile_options)).find(Boolean);
  return set ? Number(set[1]) : 999;
}

/**
 * Makes every statement outside a transaction (Prisma's own and the driver's
 * reads) wait while one is open. Inside a transaction, code must use the
 * transaction's client: a read through `db` there would wait for a
 * transaction that waits for it (Prisma's transaction timeout ends it).
 */
function withOutsideTransaction(adapter: Adapter): ConnectedSqlite {
  const { client } = adapter;
  let ended: Promise<void> | null = null;
  // The write turn, in front of Prisma's own: transactions take it, and so does the writer thread
  // (holdWriteTurn), which must not open a transaction on this connection to hold it.
  const takeTurn = fifoTurn();
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => {
    const releaseTurn = await takeTurn();
    let turn: Turn;
    try {
      turn = await start(...args); // Prisma's turn taken, BEGIN run
    } catch (error) {
      releaseTurn();
      throw error;
    }
    let end!: () => void;
    ended = new Promise((resolve) => (end = resolve));
    // Waiting statements go before the next transaction in line: ended is
    // resolved before the turn is handed on, so they cannot be starved.
    const release = (handOn: () => Promise<void>) => () => {
      ended = null;
      end();
      const handedOn = handOn();
      releaseTurn();
      return handedOn;
    };
    // The turn is Prisma's transaction object (its queries are its methods): changed in place.
    turn.commit = release(turn.commit.bind(turn));
    turn.rollback = release(turn.rollback.bind(turn));
    return turn;
  };
  // Set while the writer thread writes: this connection must not write then (it would sleep in SQLite's busy handler).
  let writerDone: Promise<void> | null = null;
  const outsideTransaction = async <T>(statement: () => T, write = false): Promise<T> => {
    for (;;) {
      // A transaction opened some other way (none here) has no `ended`: as before, the statement runs.
      if (client.inTransaction && ended) await ended;
      else if (write && writerDone) await writerDone;
      else return statement();
    }
  };
  const holdWriteTurn = async () => {
    const releaseTurn = await takeTurn();
    let done!: () => void;
    writerDone = new Promise((resolve) => (done = resolve));
    return () => {
      writerDone = null;
      done();
      releaseTurn();
    };
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  // Prisma's adapter runs a statement synchronously when called, before its first await.
  adapter.queryRaw = (query) => outsideTransaction(() => queryRaw(query), writes(query));
  adapter.executeRaw = (query) => outsideTransaction(() => executeRaw(query), writes(query));
  return { client, startTransaction: () => adapter.startTransaction(), outsideTransaction, holdWriteTurn };
}

/** A first-come, first-served turn: resolves with its release once every earlier taker has released. */
function fifoTurn(): () => Promise<() => void> {
  let last: Promise<void> = Promise.resolve();
  return () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const ready = last.then(() => release);
    last = released;
    return ready;
  };
}

/** Whether a query-builder statement may write: anything but a plain SELECT (a WITH may end in an INSERT). */
function writes(query: unknown): boolean {
  const text = (query as { sql?: unknown }).sql;
  return typeof text !== "string" || !/^\s*SELECT\b/i.test(text);
}
