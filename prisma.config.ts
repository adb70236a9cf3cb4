// Prisma CLI configuration. DATABASE_URL picks the database (SQLite file by
// default, PostgreSQL for postgresql:// URLs); each has its own derived schema,
// migrations folder and generated client. The JS (WebAssembly) engine avoids
// native engine downloads, so migrations also run offline.
import "./lib/load-dotenv.ts";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { parseDatabaseUrl } from "./lib/base/database-url.ts";
import { createMigrationPgAdapter } from "./prisma/pg-migration-adapter.ts";

const target = parseDatabaseUrl(process.env.DATABASE_URL);

export default defineConfig(
  target.provider === "postgresql"
    ? {
        experimental: { adapter: true },
        engine: "js",
        schema: "prisma/postgresql/schema.prisma",
        migrations: { path: "prisma/postgresql/migrations" },
        adapter: async () => createMigrationPgAdapter(target, target.schema),
      }
    : {
        experimental: { adapter: true },
        engine: "js",
        schema: "prisma/schema.prisma",
        migrations: { path: "prisma/sqlite/migrations" },
        adapter: async () => new PrismaBetterSQLite3({ url: `file:${target.file}` }),
      },
);
