import "server-only";
// The one database client. DATABASE_URL chooses SQLite (default, a file under
// data/) or PostgreSQL; both generated clients come from one schema, so they
// share a shape and the rest of the code sees a single `db`.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/postgresql/client";
import { env } from "@/lib/env";
import { parseDatabaseUrl, type DatabaseTarget } from "@/lib/base/database-url";
import { ImmediateSQLite3 } from "@/lib/db/sqlite-adapter";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

function createClient(target: DatabaseTarget): Db {
  if (target.provider === "postgresql") {
    const adapter = new PrismaPg(
      { connectionString: target.url, max: 10 },
      target.schema ? { schema: target.schema } : undefined,
    );
    // Same models and fields; only provider-internal types differ.
    return new PostgresPrismaClient({ adapter }) as unknown as Db;
  }
  // WAL is switched on (persistently) by `npm run db:migrate`; the busy timeout
  // makes concurrent writers wait instead of failing with "database is locked",
  // and ImmediateSQLite3 makes transactions take the write lock up front so
  // that the wait applies to them too (see sqlite-adapter.ts).
  const adapter = new ImmediateSQLite3({ url: `file:${target.file}`, timeout: 10_000 });
  adapter.sharesConnection = true;
  adapter.synchronous = env().SQLITE_SYNCHRONOUS;
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { countersignDb?: Db; countersignProvider?: DatabaseTarget["provider"] };

export const databaseTarget = parseDatabaseUrl(env().DATABASE_URL);
export const db: Db = (globalForDb.countersignDb ??= createClient(databaseTarget));
globalForDb.countersignProvider = databaseTarget.provider;
