// For tests and benchmarks only: an empty database at `url`, ready to migrate.
// SQLite: the file (and its WAL files) removed; PostgreSQL: dropped and created.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { parseDatabaseUrl } from "../base/database-url.ts";

export async function recreateDatabase(url: string): Promise<void> {
  const target = parseDatabaseUrl(url);
  if (target.provider === "sqlite") {
    mkdirSync(path.dirname(target.file), { recursive: true });
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${target.file}${suffix}`, { force: true });
    return;
  }
  const admin = new pg.Client({ host: target.host, port: target.port, user: target.user, password: target.password, database: "postgres" });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${target.database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${target.database}"`);
  } finally {
    await admin.end();
  }
}
