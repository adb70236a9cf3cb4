// Creates one new migration for BOTH databases from the change in
// prisma/schema.prisma: `npm run db:migration -- <name>`.
// Each side diffs its own committed migrations against its derived schema
// (via a throwaway shadow database), so the two folders never drift.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:migration -- <name>   (e.g. add_webhooks)");
  process.exit(2);
}
const pgUrl = process.env.POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
if (!pgUrl) {
  console.error("Set POSTGRES_URL to a PostgreSQL server the shadow database can be created on.");
  process.exit(2);
}

execFileSync("npx", ["tsx", "scripts/db-schemas.ts"], { stdio: "inherit" });
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const sides = [
  { dir: "prisma/sqlite/migrations", schema: "prisma/schema.prisma", env: { DATABASE_URL: "file:./data/.migration-shadow.db" } },
  { dir: "prisma/postgresql/migrations", schema: "prisma/postgresql/schema.prisma", env: { DATABASE_URL: pgUrl } },
];
for (const side of sides) {
  const args = ["prisma", "migrate", "diff", "--to-schema-datamodel", side.schema, "--script"];
  const hasMigrations = existsSync(side.dir) && readdirSync(side.dir).some((d) => /^\d/.test(d));
  args.push(...(hasMigrations ? ["--from-migrations", side.dir] : ["--from-empty"]));
  const sql = execFileSync("npx", args, { env: { ...process.env, ...side.env }, encoding: "utf8" });
  if (!/\b(CREATE|ALTER|DROP)\b/i.test(sql)) {
    console.log(`${side.dir}: no schema change`);
    continue;
  }
  const folder = path.join(side.dir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql);
  console.log(`wrote ${folder}/migration.sql`);
}
