// Recreates the PostgreSQL test database named in TEST_POSTGRES_URL, then migrates it.
import { parseDatabaseUrl } from "../lib/base/database-url.ts";
import { recreateDatabase } from "../lib/db/recreate-database.ts";
import { migrateForTests } from "./migrate-for-tests.ts";

export default async function setup() {
  const url = process.env.TEST_POSTGRES_URL!;
  const target = parseDatabaseUrl(url);
  if (target.provider !== "postgresql") throw new Error("TEST_POSTGRES_URL must be a postgresql:// URL");
  if (!/test/.test(target.database)) throw new Error(`refusing to recreate ${target.database}: the test database name must contain "test"`);
  await recreateDatabase(url);
  migrateForTests(url);
}
