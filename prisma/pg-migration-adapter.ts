// Two fixes for running Prisma 6.19's WebAssembly schema engine against
// PostgreSQL through @prisma/adapter-pg. Used only by prisma.config.ts (the
// CLI), never by the app's runtime client. See docs in README "Databases".
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const TEXT_OID = 25;
const UNMAPPED_CATALOG_OIDS = new Set([18 /* "char" */, 19 /* name */]);

let patched = false;
/** The engine reads catalog columns of types `name` and `"char"`, which the adapter cannot map: present them as text. */
function presentCatalogTypesAsText(): void {
  if (patched) return;
  patched = true;
  const original = pg.Pool.prototype.query as (...args: unknown[]) => unknown;
  pg.Pool.prototype.query = function patchedQuery(this: pg.Pool, ...args: unknown[]) {
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      return (result as Promise<pg.QueryResult>).then((res) => {
        for (const field of res?.fields ?? []) {
          if (UNMAPPED_CATALOG_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
        }
        return res;
      });
    }
    return result;
  } as typeof pg.Pool.prototype.query;
}

type ScriptAdapter = { executeScript(script: string): Promise<void>; underlyingDriver(): unknown; onError(error: unknown): never };

/**
 * The adapter splits a migration script on every ";", which cuts PL/pgSQL
 * bodies ($$ … ; … $$, e.g. the receipts' append-only trigger function) in
 * half. Send the script whole instead: PostgreSQL runs a multi-statement
 * simple query as one implicit transaction.
 */
function sendScriptsWhole<T>(adapter: T): T {
  const target = adapter as unknown as ScriptAdapter;
  target.executeScript = async (script: string) => {
    try {
      await (target.underlyingDriver() as pg.Pool).query(script);
    } catch (error) {
      target.onError(error);
    }
  };
  return adapter;
}

type PoolFields = { host: string; port: number; user: string; password: string; database: string };

/** The stock shadow database is dropped while its pool still holds connections; close first, then drop. */
class MigrationPrismaPg extends PrismaPg {
  constructor(private readonly fields: PoolFields, schema?: string) {
    super({ ...fields }, schema ? { schema } : undefined);
  }

  override async connect() {
    return sendScriptsWhole(await super.connect());
  }

  override async connectToShadowDb() {
    const database = `prisma_shadow_${crypto.randomUUID().replace(/-/g, "")}`;
    const admin = new pg.Client({ ...this.fields });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const shadow = sendScriptsWhole(await new PrismaPg({ ...this.fields, database }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      const dropper = new pg.Client({ ...this.fields });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${database}"`);
      await dropper.end();
    };
    return shadow;
  }
}

export function createMigrationPgAdapter(fields: PoolFields, schema?: string) {
  presentCatalogTypesAsText();
  return new MigrationPrismaPg(fields, schema);
}
