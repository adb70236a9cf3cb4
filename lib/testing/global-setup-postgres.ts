// Recreates the PostgreSQL test database named in TEST_POSTGRES_URL, then migrates it.
import pg from "pg";
import { parseDatabaseUrl } from "../db/database-url.ts";
import { migrateForTests } from "./migrate-for-tests.ts";

export default async function setup() {
  const url = process.env.TEST_POSTGRES_URL!;
  const target = parseDatabaseUrl(url);
  if (target.provider !== "postgresql") throw new Error("TEST_POSTGRES_URL must be a postgresql:// URL");
  if (!/test/.test(target.database)) throw new Error(`refusing to recreate ${target.database}: the test database name must contain "test"`);
  const admin = new pg.Client({ host: target.host, port: target.port, user: target.user, password: target.password, database: "postgres" });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${target.database}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${target.database}"`);
  await admin.end();
  migrateForTests(url);
}
