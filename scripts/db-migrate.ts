// Creates (if needed) and migrates the configured database:
// SQLite by default (data/countersign.db), PostgreSQL for postgresql:// URLs.
import "@/lib/load-dotenv";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { parseEnv } from "@/lib/env";
import { parseDatabaseUrl } from "@/lib/base/database-url";

const target = parseDatabaseUrl(parseEnv(process.env).DATABASE_URL);
if (target.provider === "sqlite") {
  mkdirSync(path.dirname(target.file), { recursive: true });
  // WAL lets readers work while one writer commits; the setting persists in the file.
  const sqlite = new Database(target.file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}
const where = target.provider === "sqlite" ? target.file : `${target.host}:${target.port}/${target.database}`;
console.log(`Migrating ${target.provider} database at ${where}`);
execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], { stdio: ["ignore", "inherit", "inherit"], env: process.env });
